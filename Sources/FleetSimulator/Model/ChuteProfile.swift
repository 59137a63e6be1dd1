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
