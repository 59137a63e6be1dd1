import Glibc
import Monitoring

/// One GPU of an instance, as DCGM would report it.
public struct SimulatedGPU: Sendable, Hashable {
    public var index: Int
    public var uuid: String
    public var utilization: Double
    public var memoryUsedMiB: Double
    public var memoryTotalMiB: Double
    public var temperature: Double
    public var powerWatts: Double
}

/// One instance of a chute: lifecycle, load and the counters its /metrics exposes.
public struct SimulatedInstance: Sendable, Hashable {
    public enum Phase: String, Sendable { case starting, ready, draining, gone }

    /// The latency histogram's upper bounds (seconds): prometheus_fastapi_instrumentator's, with
    /// 120 and 300 s added as an LLM chute's team would (a saturated deepseek's p95 is about
    /// 50 s; with 60 s the largest bound, its p99 fell in +Inf and the review failed the
    /// well-built chute's metrics.red.latency, rightly, in a fresh-clone run).
    public static let latencyBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]
    public static let statuses = ["200", "429", "500", "503"]

    public let id: String
    public var phase: Phase
    /// When a starting instance becomes ready, or a draining one goes.
    public var phaseUntil: Double
    public var startedAt: Double
    public var restarts = 0
    /// Relative share of the chute's traffic (0.85-1.15).
    public var loadShare: Double
    public var gpus: [SimulatedGPU]
    public var breakers: [SimulatedBreaker]

    // Counters (monotonic; reset only by a restart).
    public var requests: [String: Double] = [:]
    var requestCarry: [String: Double] = [:]
    /// Expected cumulative count per latency bound; the exposition shows floor().
    public var bucketExpected: [Double] = Array(repeating: 0, count: SimulatedInstance.latencyBounds.count)
    public var latencySum = 0.0
    public var latencyCount = 0.0

    // The current second, for /sim/truth and the gauges.
    public var requestRate = 0.0
    public var errorRate = 0.0
    /// Requests per second turned away with 429.
    public var rejectedRate = 0.0
    public var medianLatency = 0.0
    public var utilization = 0.0
    /// Demand over capacity, not capped at 1: what the autoscaler needs to see overload.
    public var offeredLoad = 0.0
    public var running = 0.0
    public var waiting = 0.0
    public var kvCacheUsage = 0.0
    /// The inference engine of an LLM instance.
    public var engine: SimulatedEngine?

    public var isReady: Bool { phase == .ready }

    /// The latency buckets as /metrics shows them (whole numbers, cumulative, then +Inf), each
    /// the nearest whole number to its expected count: rounded down, a bucket holding all but a
    /// millionth of the requests showed one of them in +Inf, and a well-built chute with few
    /// requests read as having its p99 beyond its largest bucket (a review of the demo fleet
    /// found sdxl-turbo and flux so in one run of three).
    var exposedBuckets: [Double] {
        bucketExpected.map { min($0.rounded(), latencyCount) } + [latencyCount]
    }

    /// All requests and the 5xx responses, as the request counters show them.
    var countedRequests: (requests: Double, errors: Double) {
        (requests.values.reduce(0, +), (requests["500"] ?? 0) + (requests["503"] ?? 0))
    }

    /// Restarts in place: it starts again (ready after `startup` seconds), its counters reset and
    /// its breakers start closed; its GPUs and load share stay.
    mutating func restart(at time: Double, startup: Double, dependencies: [String]) {
        self = SimulatedInstance(id: id, phase: .starting, phaseUntil: time + startup, startedAt: time, restarts: restarts + 1,
                                 loadShare: loadShare, gpus: gpus,
                                 breakers: dependencies.map { SimulatedBreaker(name: $0, now: time) },
                                 engine: engine.map { SimulatedEngine(kind: $0.kind) })
    }
}

/// Log-normal latency: the fraction of requests at or under `bound` for a given median.
enum LatencyDistribution {
    static let sigma = 0.35

    static func cdf(_ bound: Double, median: Double) -> Double {
        guard median > 0 else { return 1 }
        return 0.5 * erfc(-(log(bound) - log(median)) / (sigma * 2.0.squareRoot()))
    }

    static func mean(median: Double) -> Double { median * exp(sigma * sigma / 2) }
}
