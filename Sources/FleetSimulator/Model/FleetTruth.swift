import Monitoring

/// The exact current values of the simulation (`GET /sim/truth`), for tests to compare with.
public struct FleetTruth: Sendable, Hashable, Encodable {
    public struct Instance: Sendable, Hashable, Encodable {
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

    public struct Chute: Sendable, Hashable, Encodable {
        public var name: String
        public var requestRate: Double
        public var errorRatio: Double
        public var instances: [Instance]
        public var readyInstances: Int
        public var targetInstances: Int
        public var minInstances: Int
        public var maxInstances: Int
        public var meanGPUUtilization: Double
        /// Latency quantiles over the last minute, as histogram_quantile computes them; nil without traffic.
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
    }

    public var time: Double
    public var chutes: [Chute]
}

private func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }

extension FleetSimulation {
    public func truth() -> FleetTruth {
        FleetTruth(time: time, chutes: chutes.map { c in
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
            return FleetTruth.Chute(name: c.profile.name, requestRate: rate, errorRatio: rate > 0 ? errors / rate : 0,
                                    instances: instances, readyInstances: c.readyCount, targetInstances: c.targetInstances,
                                    minInstances: c.profile.minInstances, maxInstances: c.profile.maxInstances,
                                    meanGPUUtilization: gpus.isEmpty ? 0 : gpus.reduce(0) { $0 + $1.utilization } / Double(gpus.count),
                                    p50: finite(c.latencyQuantile(0.5)), p95: finite(c.latencyQuantile(0.95)), p99: finite(c.latencyQuantile(0.99)))
        })
    }
}
