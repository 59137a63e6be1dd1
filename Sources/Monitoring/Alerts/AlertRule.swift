/// How bad a firing alert is; `check` exits with the highest firing severity's code.
public enum AlertSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, warning, critical

    public static func < (a: AlertSeverity, b: AlertSeverity) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }

    /// `check`'s exit code when this is the highest firing severity.
    public var exitCode: Int32 { self == .critical ? 2 : self == .warning ? 1 : 0 }
}

/// What an alert rule watches. Chute conditions are judged per chute, instance conditions per
/// instance.
public enum AlertCondition: Sendable, Hashable, Codable {
    /// Instance: its metrics scrape and its health probe both fail (or the only enabled one does).
    case targetDown
    /// Instance: its readiness probe says not ready (or fails), outside its cold start and
    /// drain (phase `starting` or `draining`: not ready is expected there, and the instance shows
    /// its phase instead).
    case notReady
    /// Instance: in its cold start (phase `starting`) longer than this many seconds, the
    /// chute's expected start time (needs the source to say when the instance started).
    case coldStartAbove(Double)
    /// Chute: 5xx over all requests above the threshold (0-1).
    case errorRatioAbove(Double)
    /// Chute: p95 latency above the SLO (seconds).
    case p95Above(Double)
    /// Instance: mean GPU utilisation above the threshold (percent).
    case gpuUtilizationAbove(Double)
    /// Instance: any breaker open or forced open.
    case breakerOpen
    /// Chute: fewer ready instances than its minimum.
    case readyBelowMin
    /// Instance: an enabled probe has had no good answer for three intervals.
    case staleData
    /// Chute: its fullest instance's KV cache above the threshold (0-1).
    case kvCacheAbove(Double)
    /// Chute: more requests waiting in its engines than the threshold.
    case queueAbove(Double)
    /// Chute: the engines' time to first token p95 above the threshold (seconds).
    case timeToFirstTokenP95Above(Double)

    public var isPerInstance: Bool {
        switch self {
        case .targetDown, .notReady, .coldStartAbove, .gpuUtilizationAbove, .breakerOpen, .staleData: true
        case .errorRatioAbove, .p95Above, .readyBelowMin, .kvCacheAbove, .queueAbove, .timeToFirstTokenP95Above: false
        }
    }
}

/// A named rule: a condition that must hold `forSeconds` before the alert fires. Gaps shorter
/// than `forSeconds` do not break the hold, and a firing alert resolves only once its condition
/// has been clear that long, so a flapping condition is one alert, not a fire-resolve storm
/// (`AlertBook`).
public struct AlertRule: Sendable, Hashable, Codable {
    public var name: String
    public var condition: AlertCondition
    public var forSeconds: Double
    public var severity: AlertSeverity
    /// Only these chutes (all when empty).
    public var chutes: [String]

    public init(name: String, condition: AlertCondition, forSeconds: Double, severity: AlertSeverity, chutes: [String] = []) {
        self.name = name
        self.condition = condition
        self.forSeconds = forSeconds
        self.severity = severity
        self.chutes = chutes
    }

    /// The shipped rules (README "Alerts").
    public static let defaults: [AlertRule] = [
        AlertRule(name: "target-down", condition: .targetDown, forSeconds: 10, severity: .critical),
        AlertRule(name: "not-ready", condition: .notReady, forSeconds: 60, severity: .warning),
        AlertRule(name: "cold-start-slow", condition: .coldStartAbove(600), forSeconds: 0, severity: .warning),
        AlertRule(name: "error-ratio", condition: .errorRatioAbove(0.05), forSeconds: 120, severity: .critical),
        AlertRule(name: "latency-p95", condition: .p95Above(10), forSeconds: 300, severity: .warning),
        AlertRule(name: "gpu-saturated", condition: .gpuUtilizationAbove(95), forSeconds: 300, severity: .warning),
        AlertRule(name: "breaker-open", condition: .breakerOpen, forSeconds: 0, severity: .critical),
        AlertRule(name: "ready-below-min", condition: .readyBelowMin, forSeconds: 60, severity: .critical),
        AlertRule(name: "stale-data", condition: .staleData, forSeconds: 0, severity: .warning),
        AlertRule(name: "kv-cache-pressure", condition: .kvCacheAbove(0.9), forSeconds: 120, severity: .warning),
        AlertRule(name: "queue-growing", condition: .queueAbove(20), forSeconds: 60, severity: .warning),
        AlertRule(name: "ttft-p95", condition: .timeToFirstTokenP95Above(5), forSeconds: 300, severity: .warning),
    ]
}
