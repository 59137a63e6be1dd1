/// One GPU's gauges from one scrape, in common units, from DCGM exporter names
/// (`DCGM_FI_DEV_*`, memory in MiB) or nvidia_gpu_exporter names (`nvidia_smi_*`, bytes, ratio).
public struct GPUReading: Sendable, Hashable {
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

    /// The GPUs in a scrape's samples; GPUs are keyed by UUID (`UUID`, `uuid`), MIG rows by
    /// UUID plus `GPU_I_ID`, rows without a UUID by `gpu` index.
    public static func readings(from samples: [MetricSample]) -> [GPUReading] {
        var byID: [String: GPUReading] = [:]
        var order: [String] = []
        var dcgmFree: [String: Double] = [:], dcgmReserved: [String: Double] = [:]
        var smiModels: [String: String] = [:]
        for s in samples {
            let n = s.name
            let isDCGM = n.hasPrefix("DCGM_FI_DEV_"), isSMI = n.hasPrefix("nvidia_smi_")
            guard isDCGM || isSMI, s.value.isFinite else { continue }
            let uuid = s.label("UUID") ?? s.label("uuid") ?? s.label("gpu_uuid")
            if n == "nvidia_smi_gpu_info" {
                if let uuid, let name = s.label("name") { smiModels[uuid] = name }
                continue
            }
            var id = uuid ?? s.label("gpu").map { "gpu" + $0 } ?? ""
            if let mig = s.label("GPU_I_ID") ?? s.label("gpu_instance_id") { id += "/mig" + mig }
            if byID[id] == nil { byID[id] = GPUReading(id: id); order.append(id) }
            var g = byID[id]!
            if g.model == nil { g.model = s.label("modelName") ?? s.label("model_name") }
            switch n {
            case "DCGM_FI_DEV_GPU_UTIL": g.utilization = s.value
            case "DCGM_FI_DEV_FB_USED": g.memoryUsedBytes = s.value * mebibyte
            case "DCGM_FI_DEV_FB_FREE": dcgmFree[id] = s.value * mebibyte
            case "DCGM_FI_DEV_FB_RESERVED": dcgmReserved[id] = s.value * mebibyte
            case "DCGM_FI_DEV_GPU_TEMP": g.temperatureCelsius = s.value
            case "DCGM_FI_DEV_POWER_USAGE": g.powerWatts = s.value
            case "nvidia_smi_utilization_gpu_ratio": g.utilization = s.value * 100
            case "nvidia_smi_memory_used_bytes": g.memoryUsedBytes = s.value
            case "nvidia_smi_memory_total_bytes": g.memoryTotalBytes = s.value
            case "nvidia_smi_temperature_gpu": g.temperatureCelsius = s.value
            case "nvidia_smi_power_draw_watts": g.powerWatts = s.value
            default: break
            }
            byID[id] = g
        }
        return order.compactMap { id -> GPUReading? in
            guard var g = byID[id] else { return nil }
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
