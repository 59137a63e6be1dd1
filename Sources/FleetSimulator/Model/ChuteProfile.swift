/// What kind of model a chute serves; sets its request and latency shape.
public enum Workload: String, Sendable, CaseIterable {
    case llm, image, speech, embedding
}

/// A chute's shape and scaling configuration, as the platform and the SDK describe them
/// (CHUTES-PLATFORM.md §2): GPUs per instance, min/max instances, scaling_threshold,
/// shutdown_after_seconds, concurrency.
public struct ChuteProfile: Sendable, Hashable {
    public var name: String
    public var workload: Workload
    public var gpuModel: String
    public var gpusPerInstance: Int
    public var gpuMemoryMiB: Double
    public var minInstances: Int
    public var maxInstances: Int
    public var scalingThreshold: Double
    public var shutdownAfterSeconds: Double
    /// Requests one instance serves at once (`concurrency`).
    public var concurrency: Int
    public var load: LoadCurve
    /// Median latency at low load, in seconds.
    public var baseLatency: Double
    public var coldStartSeconds: Double
    public var dependencies: [String]
    /// The route its requests hit, for `http_requests_total{handler=…}`.
    public var handler: String
    /// How many instances it starts with (default: its minimum, at least one).
    public var startingInstances: Int?
    /// The inference server of an LLM chute (nil for other workloads).
    public var engine: InferenceEngine?
    /// How closely the chute follows the production-readiness checklist (every catalog chute
    /// does but one, built sloppily so the readiness review has something to find).
    public var build = Build.checklist

    /// What a chute's team did of the production-readiness checklist. Each `false` is a
    /// designed failure the readiness review must find (README "Production-readiness review").
    public struct Build: Sendable, Hashable {
        /// /ready answers with named checks (else: the same `OK` as /health, ready even while
        /// starting: `ready.endpoint`, `ready.dependencies`, `ready.gates-traffic`).
        public var readinessChecks = true
        /// Latency as a histogram (else a summary only: `metrics.red.latency` warns).
        public var latencyHistogram = true
        /// JSON log lines with time, level and request id (else plain text without them:
        /// `logs.structured`, `logs.levels`, `logs.correlation`).
        public var structuredLogs = true
        /// `shutdown_after_seconds` declared to the control plane (else `scaling.knobs` fails).
        public var declaresShutdownAfter = true
        /// Instances drain (not ready, then gone 10 s later); else they vanish while ready and
        /// the requests still routed to them fail for 15 s (`shutdown.graceful`).
        public var gracefulShutdown = true

        public static let checklist = Build()
        public static let sloppy = Build(readinessChecks: false, latencyHistogram: false, structuredLogs: false,
                                         declaresShutdownAfter: false, gracefulShutdown: false)
    }

    public init(name: String, workload: Workload, gpuModel: String, gpusPerInstance: Int, gpuMemoryMiB: Double,
                minInstances: Int, maxInstances: Int, scalingThreshold: Double = 0.75, shutdownAfterSeconds: Double = 300,
                concurrency: Int, load: LoadCurve, baseLatency: Double, coldStartSeconds: Double,
                dependencies: [String], handler: String, engine: InferenceEngine? = nil) {
        self.engine = engine ?? (workload == .llm ? .vllm : nil)
        self.name = name
        self.workload = workload
        self.gpuModel = gpuModel
        self.gpusPerInstance = gpusPerInstance
        self.gpuMemoryMiB = gpuMemoryMiB
        self.minInstances = minInstances
        self.maxInstances = maxInstances
        self.scalingThreshold = scalingThreshold
        self.shutdownAfterSeconds = shutdownAfterSeconds
        self.concurrency = concurrency
        self.load = load
        self.baseLatency = baseLatency
        self.coldStartSeconds = coldStartSeconds
        self.dependencies = dependencies
        self.handler = handler
    }
}
