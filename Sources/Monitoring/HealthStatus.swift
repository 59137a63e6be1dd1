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

/// Coded as its word (`"pass"`, `"warn"`, `"unknown"`, `"fail"`), as `snapshot --json` prints it.
extension HealthStatus: Codable {
    public init(from decoder: any Decoder) throws {
        let word = try decoder.singleValueContainer().decode(String.self)
        guard let status = HealthStatus.allCases.first(where: { $0.description == word }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown health status '\(word)'"))
        }
        self = status
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
