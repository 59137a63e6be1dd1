/// The verdict of a health or readiness check, ordered from best to worst.
public enum HealthStatus: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case pass, warn, unknown, fail

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rawValue < b.rawValue }

    /// The worse of two verdicts.
    public func worse(_ other: HealthStatus) -> HealthStatus { max(self, other) }

    /// Classifies a status word the way the common conventions spell it (case-insensitive):
    /// ok/up/pass/ready/healthy/serving, warn/degraded, fail/down/error/not_ready/unhealthy.
    public init(word: String) {
        switch word.lowercased() {
        case "pass", "ok", "up", "ready", "healthy", "serving", "true": self = .pass
        case "warn", "warning", "degraded": self = .warn
        case "fail", "failed", "down", "error", "not_ready", "notready", "unhealthy", "out_of_service", "false": self = .fail
        default: self = .unknown
        }
    }

    public var description: String {
        switch self {
        case .pass: "pass"
        case .warn: "warn"
        case .unknown: "unknown"
        case .fail: "fail"
        }
    }
}
