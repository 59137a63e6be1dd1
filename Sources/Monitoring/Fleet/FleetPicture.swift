/// The fleet as chutetop judges it at one moment: what `snapshot` prints, the dashboard shows
/// and alert rules read. Every figure carries its age.
public struct FleetPicture: Sendable, Hashable, Codable {
    public struct Probe: Sendable, Hashable, Codable {
        /// nil before the first answer or when the probe is off.
        public var status: HealthStatus?
        public var ageSeconds: Double?
        public var stale: Bool
        public var error: String?
        public var errorAgeSeconds: Double?
        public var consecutiveFailures: Int
        /// chutetop's own breaker for this probe (closed / open / half_open) when it polls
        /// continuously; nil in a one-shot snapshot.
        public var pollBreaker: BreakerState?

        public init(status: HealthStatus?, ageSeconds: Double?, stale: Bool, error: String?, errorAgeSeconds: Double?,
                    consecutiveFailures: Int, pollBreaker: BreakerState?) {
            self.status = status
            self.ageSeconds = ageSeconds
            self.stale = stale
            self.error = error
            self.errorAgeSeconds = errorAgeSeconds
            self.consecutiveFailures = consecutiveFailures
            self.pollBreaker = pollBreaker
        }
    }

    public struct Instance: Sendable, Hashable, Codable {
        public var id: String
        public var baseURL: String?
        public var phase: String?
        public var health: Probe
        public var ready: Probe
        public var metrics: Probe
        public var healthFlaps: Int
        public var requestRate: Figure
        public var errorRatio: Figure
        /// Over `gpus`, with their age.
        public var gpu: GPUSummary?
        /// Each GPU's newest reading, only while the metrics behind it are fresh (a stale
        /// reading is not shown as live: the list is empty and the summary nil).
        public var gpus: [GPUReading]
        public var breakers: [Breaker]
        /// Lines skipped in the last scrape (malformed exposition).
        public var skippedLines: Int
        /// Restarts seen (a request counter went back), since chutetop started watching.
        public var restarts: Int
        /// The inference engine's figures (LLM instances; nil for others).
        public var inference: InferenceFigures?
        /// What the control plane says of it beyond its phase (`FleetInventory.Instance.facts`).
        public var facts: [Label]?

        public init(id: String, baseURL: String?, phase: String?, health: Probe, ready: Probe, metrics: Probe, healthFlaps: Int,
                    requestRate: Figure, errorRatio: Figure, gpu: GPUSummary?, gpus: [GPUReading] = [], breakers: [Breaker],
                    skippedLines: Int, restarts: Int = 0, inference: InferenceFigures? = nil) {
            self.inference = inference
            self.id = id
            self.baseURL = baseURL
            self.phase = phase
            self.health = health
            self.ready = ready
            self.metrics = metrics
            self.healthFlaps = healthFlaps
            self.requestRate = requestRate
            self.errorRatio = errorRatio
            self.gpu = gpu
            self.gpus = gpus
            self.breakers = breakers
            self.skippedLines = skippedLines
            self.restarts = restarts
        }
    }

    public struct Breaker: Sendable, Hashable, Codable {
        public var name: String
        public var state: BreakerState
        public var failureRate: Double?

        public init(name: String, state: BreakerState, failureRate: Double?) {
            self.name = name
            self.state = state
            self.failureRate = failureRate
        }
    }

    public struct Counts: Sendable, Hashable, Codable {
        public var current: Int
        public var ready: Int
        public var target: Int?
        public var min: Int?
        public var max: Int?
        /// Whether readiness was read at all. When it is not (its probe is off, or the source
        /// cannot see it: Prometheus without a readiness expression), `ready` counts the
        /// instances that are up, and the views say "up", not "ready".
        public var readinessRead: Bool

        public init(current: Int, ready: Int, target: Int?, min: Int?, max: Int?, readinessRead: Bool = true) {
            self.current = current
            self.ready = ready
            self.target = target
            self.min = min
            self.max = max
            self.readinessRead = readinessRead
        }

        /// "ready", or "up" when readiness is not read.
        public var readyWord: String { readinessRead ? "ready" : "up" }
    }

    public struct Chute: Sendable, Hashable, Codable {
        public var name: String
        public var counts: Counts
        public var requestRate: Figure
        public var errorRatio: Figure
        public var p50: Figure
        public var p95: Figure
        public var p99: Figure
        /// The range the rates cover: (start, end) in seconds since the epoch.
        public var rateFrom: Double?
        public var rateTo: Double?
        public var gpu: GPUSummary?
        public var controlError: String?
        /// The control plane's id for the chute and its autoscaler threshold (0-1), when known.
        public var id: String?
        public var scalingThreshold: Double?
        public var instances: [Instance]
        /// The inference engine's figures over the chute (LLM chutes; nil for others).
        public var inference: InferenceFigures?
        /// Why the chute is saturated, when it is.
        public var saturation: SaturationVerdict?
        /// The Chutes platform's request-concurrency utilisation ("busy (concurrency)", not GPU).
        public var busy: ConcurrencyBusy?
        /// Why no GPU figure can be read for it (the Chutes platform does not expose GPU
        /// telemetry), so views say so instead of "no GPU metrics"; nil when GPUs are read.
        public var gpuUnseen: String?
        /// What the control plane says of the chute beyond counts (the platform's hot/cold,
        /// GPU type and count from the node selector, concurrency, …), in its order.
        public var facts: [Label]?

        public init(name: String, counts: Counts, requestRate: Figure, errorRatio: Figure, p50: Figure, p95: Figure, p99: Figure,
                    rateFrom: Double?, rateTo: Double?, gpu: GPUSummary?, controlError: String?, id: String? = nil,
                    scalingThreshold: Double? = nil, instances: [Instance], inference: InferenceFigures? = nil,
                    saturation: SaturationVerdict? = nil) {
            self.inference = inference
            self.saturation = saturation
            self.name = name
            self.counts = counts
            self.requestRate = requestRate
            self.errorRatio = errorRatio
            self.p50 = p50
            self.p95 = p95
            self.p99 = p99
            self.rateFrom = rateFrom
            self.rateTo = rateTo
            self.gpu = gpu
            self.controlError = controlError
            self.id = id
            self.scalingThreshold = scalingThreshold
            self.instances = instances
        }
    }

    public var time: Double
    public var chutes: [Chute]

    public init(time: Double, chutes: [Chute]) {
        self.time = time
        self.chutes = chutes
    }
}
