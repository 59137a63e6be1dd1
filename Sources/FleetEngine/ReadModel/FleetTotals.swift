import Monitoring

/// The fleet's totals for the banner, worked out once per judgement (not per frame).
public struct FleetTotals: Sendable, Equatable {
    public var chutes = 0, hot = 0, ready = 0, instances = 0, gpus = 0
    /// Over the GPUs whose utilisation is known (nil when none is: unknown is not idle).
    public var busyGPUs: Int?
    public var requestRate: Double?
    public var errorRatio: Double?
    /// While some chute's rates cover another span than the window (less while it fills, the
    /// Chutes platform's 300 s): the longest such span (the banner says "over 14 s"); nil when
    /// every rate covers the window.
    public var rateSpan: Double?
    /// The oldest figure's age at the judgement (add the time since the judgement to show it).
    public var dataAge: Double?
    /// Whether `ready` counts readiness (false: instances up; see `FleetPicture.Counts`).
    public var readinessRead = true
    /// Why GPUs cannot be read (the Chutes platform exposes none), when no chute has any.
    public var gpuUnseen: String?

    public init() {}

    /// GPUs are counted from the picture's fresh readings only: a stale reading is not live.
    public init(_ picture: FleetPicture) {
        var requests = 0.0, errors = 0.0, anyRate = false, anyErrorRatio = false
        for c in picture.chutes {
            chutes += 1
            if c.counts.current > 0 { hot += 1 }
            ready += c.counts.ready
            if !c.counts.readinessRead { readinessRead = false }
            if let why = c.gpuUnseen { gpuUnseen = why }
            instances += c.counts.current
            if let r = c.requestRate.value {
                anyRate = true
                requests += r
                errors += r * (c.errorRatio.value ?? 0)
                if let span = c.requestRate.spanSeconds { rateSpan = max(rateSpan ?? 0, span) }
                if c.errorRatio.value != nil { anyErrorRatio = true }
            }
            for age in [c.requestRate.ageSeconds, c.gpu?.ageSeconds].compactMap({ $0 }) { dataAge = max(dataAge ?? 0, age) }
            for i in c.instances {
                gpus += i.gpus.count
                if let busy = GPUSummary(i.gpus).busy { busyGPUs = (busyGPUs ?? 0) + busy }
            }
        }
        if anyRate {
            requestRate = requests
            // Unknown, not 0, when no chute's error ratio is known (the Chutes platform has none).
            errorRatio = requests > 0 && anyErrorRatio ? errors / requests : nil
        }
    }
}
