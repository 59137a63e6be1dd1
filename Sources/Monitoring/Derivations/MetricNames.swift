/// Which series chutetop derives from: configurable per context, with defaults for the names
/// chutes and their sidecars really expose (PROTOCOLS.md §3-4).
public struct MetricNames: Sendable, Hashable, Codable {
    /// The request counter, e.g. `http_requests_total`.
    public var requests: String
    /// Labels that carry the HTTP status, tried in order (`status`, `code`).
    public var statusLabels: [String]
    /// The latency histogram's base name (without `_bucket`).
    public var latencyHistogram: String
    /// A one-hot breaker gauge (`{name, state}` with 1 for the current state).
    public var breakerStateGauges: [String]
    /// A breaker gauge whose value is the state, with the mapping from value to state.
    public var breakerNumericGauge: String?
    public var breakerNumericStates: [Double: BreakerState]
    public var breakerFailureRate: String
    /// The inference engine's series (vLLM, SGLang, TGI).
    public var engine: EngineMetricNames

    public init(requests: String = "http_requests_total", statusLabels: [String] = ["status", "code"],
                latencyHistogram: String = "http_request_duration_seconds",
                breakerStateGauges: [String] = ["resilience4j_circuitbreaker_state", "circuit_breaker_state"],
                breakerNumericGauge: String? = nil,
                breakerNumericStates: [Double: BreakerState] = [0: .closed, 1: .open, 2: .halfOpen],
                breakerFailureRate: String = "resilience4j_circuitbreaker_failure_rate", engine: EngineMetricNames = .standard) {
        self.engine = engine
        self.requests = requests
        self.statusLabels = statusLabels
        self.latencyHistogram = latencyHistogram
        self.breakerStateGauges = breakerStateGauges
        self.breakerNumericGauge = breakerNumericGauge
        self.breakerNumericStates = breakerNumericStates
        self.breakerFailureRate = breakerFailureRate
    }

    public static let standard = MetricNames()
}
