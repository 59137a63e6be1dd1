import Foundation
import Monitoring

/// The exact current values of the simulation (`GET /sim/truth`), for tests to compare with.
public struct FleetTruth: Sendable, Hashable, Codable {
    /// Reads a `/sim/truth` body (snake_case keys, as `SimulatorJSON` writes them).
    public static func decode(_ body: [UInt8]) throws -> FleetTruth {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(FleetTruth.self, from: Data(body))
    }

    public struct Instance: Sendable, Hashable, Codable {
        public var id: String
        public var phase: String
        public var ready: Bool
        public var requestRate: Double
        public var errorRate: Double
        public var medianLatency: Double
        public var gpuUtilization: [Double]
        public var breakers: [String: String]
        public var restarts: Int
    }

    public struct Chute: Sendable, Hashable, Codable {
        public var name: String
        public var requestRate: Double
        public var errorRatio: Double
        public var instances: [Instance]
        public var readyInstances: Int
        public var targetInstances: Int
        public var minInstances: Int
        public var maxInstances: Int
        public var meanGPUUtilization: Double
        /// What the counters counted over the window ending now (requests per second, and 5xx
        /// over all): what PromQL's rate(...[window]) computes on the exposed counters.
        public var countedRequestRate: Double
        public var countedErrorRatio: Double?
        /// Latency quantiles over the window, as histogram_quantile computes them on the exposed
        /// buckets; nil without traffic.
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
        /// The inference engine's figures (LLM chutes): gauges as exposed at the end of the
        /// window (waiting and running summed, KV cache averaged over instances), token and
        /// preemption rates as counted over the window, and TTFT / inter-token quantiles as
        /// histogram_quantile computes them on the exposed buckets.
        public var inference: Inference?
        /// Dependencies down now (a scenario's `dependency-down`): while one is, every
        /// instance's `/ready` says not ready, though `readyInstances` counts it (its phase).
        public var dependenciesDown: [String]

        // Spelled so that snake_case encoding and decoding round-trip ("GPU" would not).
        enum CodingKeys: String, CodingKey {
            case name, requestRate, errorRatio, instances, readyInstances, targetInstances, minInstances, maxInstances
            case meanGPUUtilization = "meanGpuUtilization"
            case countedRequestRate, countedErrorRatio, p50, p95, p99, inference, dependenciesDown
        }
    }

    public struct Inference: Sendable, Hashable, Codable {
        public var engine: String
        public var running: Double
        public var waiting: Double
        public var kvCacheUsage: Double?
        public var promptTokensPerSecond: Double
        public var generationTokensPerSecond: Double
        public var preemptionsPerSecond: Double
        public var timeToFirstTokenP50: Double?
        public var timeToFirstTokenP95: Double?
        public var interTokenLatencyP50: Double?
        public var interTokenLatencyP95: Double?
    }

    /// The simulated second the counted figures end at (instance figures are always now).
    public var time: Double
    /// Seconds (1-60) the counted figures and quantiles cover.
    public var window: Int
    public var chutes: [Chute]
}

private func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }

/// A quantile as histogram_quantile finds it on the chute's exposed buckets (none for a chute
/// that exposes latency only as a summary).
private func quantile(_ c: SimulatedChute, _ q: Double, window: Int, ago: Int) -> Double? {
    c.profile.build.latencyHistogram ? finite(c.latencyQuantile(q, window: window, secondsAgo: ago)) : nil
}

extension FleetSimulation {
    /// The truth now; counted figures and quantiles over the `window` seconds (1-60) ending
    /// `secondsAgo` seconds (0-60) before now (the simulation keeps the last 120 seconds).
    public func truth(window: Int = 60, secondsAgo: Int = 0) -> FleetTruth {
        let window = min(60, max(1, window)), ago = min(SimulatedChute.keptSeconds - 60, max(0, secondsAgo))
        return FleetTruth(time: time - Double(ago), window: window, chutes: chutes.map { c in
            let instances = c.instances.map { i in
                FleetTruth.Instance(id: i.id, phase: i.phase.rawValue, ready: i.isReady, requestRate: i.requestRate,
                                    errorRate: i.errorRate, medianLatency: i.medianLatency,
                                    gpuUtilization: i.gpus.map(\.utilization),
                                    breakers: Dictionary(uniqueKeysWithValues: i.breakers.map { ($0.name, $0.state.rawValue) }),
                                    restarts: i.restarts)
            }
            let rate = instances.reduce(0) { $0 + $1.requestRate }
            let errors = instances.reduce(0) { $0 + $1.errorRate }
            let gpus = c.instances.filter(\.isReady).flatMap(\.gpus)
            let counted = c.recentRequests.dropLast(ago).suffix(window).reduce(CountedRequests()) {
                CountedRequests(requests: $0.requests + $1.requests, errors: $0.errors + $1.errors)
            }
            return FleetTruth.Chute(name: c.profile.name, requestRate: rate, errorRatio: rate > 0 ? errors / rate : 0,
                                    instances: instances, readyInstances: c.readyCount, targetInstances: c.targetInstances,
                                    minInstances: c.profile.minInstances, maxInstances: c.profile.maxInstances,
                                    meanGPUUtilization: gpus.isEmpty ? 0 : gpus.reduce(0) { $0 + $1.utilization } / Double(gpus.count),
                                    countedRequestRate: counted.requests / Double(window),
                                    countedErrorRatio: counted.requests > 0 ? counted.errors / counted.requests : nil,
                                    // Quantiles as histogram_quantile finds them: none for a chute
                                    // that exposes latency only as a summary.
                                    p50: quantile(c, 0.5, window: window, ago: ago),
                                    p95: quantile(c, 0.95, window: window, ago: ago),
                                    p99: quantile(c, 0.99, window: window, ago: ago),
                                    inference: c.inferenceTruth(window: window, secondsAgo: ago), dependenciesDown: c.dependenciesDown.sorted())
        })
    }
}

extension SimulatedChute {
    /// The engine's truth over the `window` seconds ending `secondsAgo` before now.
    func inferenceTruth(window: Int, secondsAgo: Int) -> FleetTruth.Inference? {
        guard let engine = profile.engine, let end = recentEngine.dropLast(secondsAgo).last else { return nil }
        let seconds = recentEngine.dropLast(secondsAgo).suffix(window)
        let per = { (k: KeyPath<EngineSecond, Double>) in seconds.reduce(0) { $0 + $1[keyPath: k] } / Double(window) }
        let q = { (q: Double, h: KeyPath<EngineSecond, [Double]>, b: KeyPath<EngineSecond, [Double]>) -> Double? in
            let v = engineQuantile(q, h, bounds: b, window: window, secondsAgo: secondsAgo)
            return v.isFinite ? v : nil
        }
        return FleetTruth.Inference(engine: engine.rawValue, running: end.running, waiting: end.waiting, kvCacheUsage: end.kvCacheUsage,
                                    promptTokensPerSecond: per(\.promptTokens), generationTokensPerSecond: per(\.generationTokens),
                                    preemptionsPerSecond: per(\.preemptions),
                                    timeToFirstTokenP50: q(0.5, \.timeToFirstToken, \.timeToFirstTokenBounds),
                                    timeToFirstTokenP95: q(0.95, \.timeToFirstToken, \.timeToFirstTokenBounds),
                                    interTokenLatencyP50: q(0.5, \.interTokenLatency, \.interTokenLatencyBounds),
                                    interTokenLatencyP95: q(0.95, \.interTokenLatency, \.interTokenLatencyBounds))
    }
}
