/// Which inference server an LLM chute runs; sets the names and buckets its /metrics uses.
public enum InferenceEngine: String, Sendable, Hashable, CaseIterable {
    case vllm, sglang

    /// Upper bounds of the engine's own histograms (vLLM `vllm/v1/metrics/loggers.py`,
    /// SGLang `sglang/srt/metrics/collector.py` defaults).
    var timeToFirstTokenBounds: [Double] {
        switch self {
        case .vllm: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560]
        case .sglang: [0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 4, 6, 8, 10, 20, 40, 60, 80, 100, 200, 400]
        }
    }

    var interTokenLatencyBounds: [Double] {
        switch self {
        case .vllm: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80]
        case .sglang: [0.002, 0.004, 0.006, 0.008, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.06, 0.08, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 4, 6, 8]
        }
    }

    var requestLatencyBounds: [Double] {
        switch self {
        case .vllm: [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680]
        case .sglang: [0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 4, 6, 8, 10, 20, 40, 60, 80, 100, 200, 400, 600, 1200, 1800, 2400]
        }
    }
}

/// A histogram the simulation fills with log-normal observations: the expected cumulative
/// count per bound (exposed rounded down, so counts are whole and never decrease).
struct SimulatedHistogram: Sendable, Hashable {
    let bounds: [Double]
    var expected: [Double]
    var count = 0.0
    var sum = 0.0

    init(bounds: [Double]) {
        self.bounds = bounds
        expected = [Double](repeating: 0, count: bounds.count)
    }

    mutating func observe(_ n: Double, median: Double) {
        guard n > 0 else { return }
        for (k, bound) in bounds.enumerated() { expected[k] += n * LatencyDistribution.cdf(bound, median: median) }
        count += n
        sum += n * LatencyDistribution.mean(median: median)
    }

    /// Cumulative counts as /metrics shows them, then +Inf.
    var exposed: [Double] { expected.map { min($0, count).rounded(.down) } + [count] }
}

/// The inference engine inside one LLM instance: its scheduler's gauges and its counters and
/// histograms, driven by the instance's load each simulated second. The queue grows and the KV
/// cache fills as the offered load approaches capacity; time to first token grows with the
/// queue; preemptions start when the KV cache is nearly full.
public struct SimulatedEngine: Sendable, Hashable {
    public let kind: InferenceEngine
    /// As exposed (whole requests; KV usage to 0.001).
    public var running = 0.0
    public var waiting = 0.0
    public var kvCacheUsage = 0.0
    /// Counters (whole tokens and requests).
    public var promptTokens = 0.0
    public var generationTokens = 0.0
    public var preemptions = 0.0
    public var prefixCacheQueries = 0.0
    public var prefixCacheHits = 0.0
    var preemptionCarry = 0.0
    var timeToFirstToken: SimulatedHistogram
    var interTokenLatency: SimulatedHistogram
    var requestLatency: SimulatedHistogram

    /// Tokens per request, and the share of prompt tokens found in the prefix cache.
    static let promptTokensPerRequest = 900.0
    static let outputTokensPerRequest = 250.0
    static let prefixHitTokensPerRequest = 360.0

    init(kind: InferenceEngine) {
        self.kind = kind
        timeToFirstToken = SimulatedHistogram(bounds: kind.timeToFirstTokenBounds)
        interTokenLatency = SimulatedHistogram(bounds: kind.interTokenLatencyBounds)
        requestLatency = SimulatedHistogram(bounds: kind.requestLatencyBounds)
    }

    /// One second: `served` whole requests completed with `median` latency at `offered` load
    /// (demand over capacity), with `inFlight` requests against `concurrency` batch slots.
    mutating func step(ready: Bool, served: Double, offered: Double, inFlight: Double, concurrency: Double, median: Double,
                       baseLatency: Double) {
        guard ready else {
            (running, waiting, kvCacheUsage) = (0, 0, 0)
            return
        }
        running = min(inFlight, concurrency).rounded()
        waiting = max(0, inFlight - concurrency).rounded()
        kvCacheUsage = (min(0.99, 0.12 + 0.8 * min(offered, 1.1)) * 1000).rounded() / 1000
        promptTokens += served * Self.promptTokensPerRequest
        generationTokens += served * Self.outputTokensPerRequest
        prefixCacheQueries += served * Self.promptTokensPerRequest
        prefixCacheHits += served * Self.prefixHitTokensPerRequest
        let preempting = kvCacheUsage >= 0.95 ? running * (kvCacheUsage - 0.95) * 0.5 : 0
        let expected = preemptionCarry + preempting
        preemptions += expected.rounded(.down)
        preemptionCarry = expected - expected.rounded(.down)
        let load = min(offered, 1)
        let ttft = baseLatency * 0.12 * (1 + 0.5 * load * load) + waiting * median / max(1, concurrency)
        timeToFirstToken.observe(served, median: ttft)
        let itl = baseLatency / Self.outputTokensPerRequest * (1 + 0.8 * min(offered, 1.2) * min(offered, 1.2))
        interTokenLatency.observe(served * (Self.outputTokensPerRequest - 1), median: itl)
        requestLatency.observe(served, median: median)
    }
}
