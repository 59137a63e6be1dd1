/// Figures a source has already computed (a Prometheus source's `rate(…[1m])` and
/// `histogram_quantile`, the Chutes platform's utilisation): per chute and per instance, as of
/// `time`, over the `span` seconds their rates cover. A figure the source did not give is nil
/// and is shown as unknown, never as 0.
public struct ComputedFigures: Sendable, Hashable, Codable {
    public struct Chute: Sendable, Hashable, Codable {
        public var name: String
        public var requestRate: Double?
        public var errorRatio: Double?
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
        /// The engine's figures over the chute (ages are the reading's).
        public var inference: InferenceFigures?
        /// The Chutes platform's request-concurrency utilisation (not GPU).
        public var busy: ConcurrencyBusy?

        public init(name: String, requestRate: Double? = nil, errorRatio: Double? = nil, p50: Double? = nil, p95: Double? = nil, p99: Double? = nil,
                    inference: InferenceFigures? = nil, busy: ConcurrencyBusy? = nil) {
            self.inference = inference
            self.busy = busy
            (self.name, self.requestRate, self.errorRatio) = (name, requestRate, errorRatio)
            (self.p50, self.p95, self.p99) = (p50, p95, p99)
        }
    }

    public struct Instance: Sendable, Hashable, Codable {
        public var key: InstanceKey
        public var requestRate: Double?
        public var errorRatio: Double?
        public var gpus: [GPUReading]
        public var breakers: [BreakerReading]
        /// Health and readiness verdicts, when the source judges them (Prometheus' `up`).
        public var health: HealthReport?
        public var ready: HealthReport?
        /// The engine's figures for the instance.
        public var inference: InferenceFigures?

        public init(key: InstanceKey, requestRate: Double? = nil, errorRatio: Double? = nil, gpus: [GPUReading] = [], breakers: [BreakerReading] = [],
                    health: HealthReport? = nil, ready: HealthReport? = nil, inference: InferenceFigures? = nil) {
            self.inference = inference
            (self.key, self.requestRate, self.errorRatio) = (key, requestRate, errorRatio)
            (self.gpus, self.breakers, self.health, self.ready) = (gpus, breakers, health, ready)
        }
    }

    /// When the figures describe (seconds since the epoch).
    public var time: Double
    /// The range their rates and quantiles cover, in seconds (PromQL's `[span]`).
    public var span: Double
    public var chutes: [Chute]
    public var instances: [Instance]
    /// What the source said was wrong with an answer it still gave: a query that failed while
    /// others worked, a warning from the server (Prometheus' `warnings`). Shown, never dropped.
    public var problems: [String]

    public init(time: Double, span: Double, chutes: [Chute] = [], instances: [Instance] = [], problems: [String] = []) {
        self.time = time
        self.span = span
        self.chutes = chutes
        self.instances = instances
        self.problems = problems
    }
}
