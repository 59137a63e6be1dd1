/// The production-readiness checklist's items chutetop checks from a running chute, by stable
/// id (README "Production-readiness review" documents each). The order is the form's.
public enum ReviewCheckID: String, Sendable, Hashable, Codable, CaseIterable {
    case healthEndpoint = "health.endpoint"
    case healthFast = "health.fast"
    case readyEndpoint = "ready.endpoint"
    case readyDependencies = "ready.dependencies"
    case readyGatesTraffic = "ready.gates-traffic"
    case metricsExposed = "metrics.exposed"
    case requestCounter = "metrics.red.requests"
    case errorCounter = "metrics.red.errors"
    case latencyHistogram = "metrics.red.latency"
    case breakers = "metrics.breakers"
    case gpu = "metrics.gpu"
    case logsStructured = "logs.structured"
    case logLevels = "logs.levels"
    case logCorrelation = "logs.correlation"
    case scalingKnobs = "scaling.knobs"
    case coldStart = "scaling.cold-start"
    case gracefulShutdown = "shutdown.graceful"

    /// The form's section the item belongs to.
    public var section: ReviewSection {
        switch self {
        case .healthEndpoint, .healthFast, .readyEndpoint, .readyDependencies, .metricsExposed, .requestCounter, .errorCounter,
             .latencyHistogram, .gpu, .logsStructured, .logLevels, .logCorrelation: .observability
        case .readyGatesTraffic, .breakers, .gracefulShutdown: .reliability
        case .scalingKnobs, .coldStart: .configuration
        }
    }

    /// The item as the form says it (what passing means).
    public var item: String {
        switch self {
        case .healthEndpoint: "/health answers 200 with a body while the instance serves"
        case .healthFast: "/health answers within 1 s"
        case .readyEndpoint: "a readiness endpoint exists, distinct from /health"
        case .readyDependencies: "readiness reports named dependency checks"
        case .readyGatesTraffic: "readiness fails while an instance starts or drains"
        case .metricsExposed: "metrics are exposed and parse without errors"
        case .requestCounter: "a request counter with a status label"
        case .errorCounter: "5xx responses are countable"
        case .latencyHistogram: "latency is a histogram whose buckets cover the p99"
        case .breakers: "circuit-breaker state is exposed for dependencies"
        case .gpu: "GPU telemetry is exposed"
        case .logsStructured: "logs are JSON (or logfmt) with a timestamp"
        case .logLevels: "log lines carry a level"
        case .logCorrelation: "request log lines carry a request or correlation id"
        case .scalingKnobs: "max instances, scaling threshold and shutdown-after are set"
        case .coldStart: "no cold start hurts a scale-to-zero chute with latency alerts"
        case .gracefulShutdown: "SIGTERM handled with graceful shutdown (not ready before gone, no 5xx burst)"
        }
    }
}

/// The sections of the team's "Production Readiness Review" form.
public enum ReviewSection: String, Sendable, CaseIterable {
    case observability = "Health & Observability"
    case reliability = "Reliability"
    case configuration = "Configuration"
    case deployment = "Deployment"

    /// The form's items in this section that no running chute shows (checked by hand).
    public var byHand: [String] {
        switch self {
        case .observability: []
        case .reliability: ["All HTTP calls have timeouts (< 30s)", "Retries use exponential backoff", "Resource limits set (CPU, memory)"]
        case .configuration: ["No hardcoded secrets or URLs", "Config validated at startup", "Environment variables documented"]
        case .deployment: ["Rollback tested and documented", "Health checks configured in orchestrator", "Runbook exists for common issues"]
        }
    }
}
