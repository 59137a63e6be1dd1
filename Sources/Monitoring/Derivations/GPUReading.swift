/// One GPU's gauges from one scrape, in common units, from DCGM exporter names
/// (`DCGM_FI_DEV_*`, memory in MiB) or nvidia_gpu_exporter names (`nvidia_smi_*`, bytes, ratio).
public struct GPUReading: Sendable, Hashable, Codable {
    /// UUID (plus the MIG instance id for MIG rows), or the index when there is no UUID.
    public var id: String
    public var model: String?
    /// Percent, 0-100.
    public var utilization: Double?
    public var memoryUsedBytes: Double?
    public var memoryTotalBytes: Double?
    public var temperatureCelsius: Double?
    public var powerWatts: Double?

    public init(id: String, model: String? = nil, utilization: Double? = nil, memoryUsedBytes: Double? = nil,
                memoryTotalBytes: Double? = nil, temperatureCelsius: Double? = nil, powerWatts: Double? = nil) {
        self.id = id
        self.model = model
        self.utilization = utilization
        self.memoryUsedBytes = memoryUsedBytes
        self.memoryTotalBytes = memoryTotalBytes
        self.temperatureCelsius = temperatureCelsius
        self.powerWatts = powerWatts
    }
}

extension GPUReading {
    private static let mebibyte = 1_048_576.0

    /// The metric names read (everything else from the exporters is ignored).
    public static let metricNames: Set<String> = [
        "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_RESERVED",
        "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_POWER_USAGE", "nvidia_smi_gpu_info", "nvidia_smi_utilization_gpu_ratio",
        "nvidia_smi_memory_used_bytes", "nvidia_smi_memory_total_bytes", "nvidia_smi_temperature_gpu", "nvidia_smi_power_draw_watts",
    ]

    /// The GPUs in a scrape's samples; GPUs are keyed by UUID (`UUID`, `uuid`), MIG rows by
    /// UUID plus `GPU_I_ID`, rows without a UUID by `gpu` index.
    public static func readings(from samples: [MetricSample]) -> [GPUReading] {
        var index: [String: Int] = [:]
        var gpus: [GPUReading] = []
        var dcgmFree: [String: Double] = [:], dcgmReserved: [String: Double] = [:]
        var smiModels: [String: String] = [:]
        for s in samples {
            let n = s.name
            guard s.value.isFinite, metricNames.contains(n) else { continue }
            var uuid: String?, gpuIndex: String?, mig: String?, model: String?, name: String?
            for l in s.labels {
                switch l.name {
                case "UUID", "uuid", "gpu_uuid": uuid = l.value
                case "gpu": gpuIndex = l.value
                case "GPU_I_ID", "gpu_instance_id": mig = l.value
                case "modelName", "model_name": model = l.value
                case "name": name = l.value
                default: break
                }
            }
            if n == "nvidia_smi_gpu_info" {
                if let uuid, let name { smiModels[uuid] = name }
                continue
            }
            var id = uuid ?? gpuIndex.map { "gpu" + $0 } ?? ""
            if let mig { id += "/mig" + mig }
            let k: Int
            if let known = index[id] { k = known } else {
                k = gpus.count
                index[id] = k
                gpus.append(GPUReading(id: id))
            }
            if gpus[k].model == nil { gpus[k].model = model }
            switch n {
            case "DCGM_FI_DEV_GPU_UTIL": gpus[k].utilization = s.value
            case "DCGM_FI_DEV_FB_USED": gpus[k].memoryUsedBytes = s.value * mebibyte
            case "DCGM_FI_DEV_FB_FREE": dcgmFree[id] = s.value * mebibyte
            case "DCGM_FI_DEV_FB_RESERVED": dcgmReserved[id] = s.value * mebibyte
            case "DCGM_FI_DEV_GPU_TEMP": gpus[k].temperatureCelsius = s.value
            case "DCGM_FI_DEV_POWER_USAGE": gpus[k].powerWatts = s.value
            case "nvidia_smi_utilization_gpu_ratio": gpus[k].utilization = s.value * 100
            case "nvidia_smi_memory_used_bytes": gpus[k].memoryUsedBytes = s.value
            case "nvidia_smi_memory_total_bytes": gpus[k].memoryTotalBytes = s.value
            case "nvidia_smi_temperature_gpu": gpus[k].temperatureCelsius = s.value
            case "nvidia_smi_power_draw_watts": gpus[k].powerWatts = s.value
            default: break
            }
        }
        return gpus.compactMap { gpu -> GPUReading? in
            var g = gpu
            let id = g.id
            // DCGM total = used + free + reserved (all MiB; PROTOCOLS.md §4.1).
            if g.memoryTotalBytes == nil, let used = g.memoryUsedBytes, let free = dcgmFree[id] {
                g.memoryTotalBytes = used + free + (dcgmReserved[id] ?? 0)
            }
            if g.model == nil { g.model = smiModels[id.split(separator: "/").first.map(String.init) ?? id] }
            let hasFigures = g.utilization != nil || g.memoryUsedBytes != nil || g.temperatureCelsius != nil || g.powerWatts != nil
            return hasFigures ? g : nil
        }
    }
}
