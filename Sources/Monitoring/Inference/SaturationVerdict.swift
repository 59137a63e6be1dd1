/// Why an LLM chute is slow, in one line an on-call engineer can act on, derived from its
/// engine's signals, its GPUs and its instance counts. Nil (no verdict) when nothing is
/// saturated: an idle or comfortably loaded chute says nothing.
public struct SaturationVerdict: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Requests wait while the GPUs do nothing: the engine is wedged.
        case engineStuck = "engine-stuck"
        /// The KV cache is (nearly) full: requests queue and are preempted.
        case kvCache = "kv-cache"
        /// Requests queue with KV cache to spare: not enough batch slots or instances.
        case queue
        /// Instances are still loading while requests wait.
        case coldStart = "cold-start"
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// KV-cache usage at or above this (on the fullest instance) is "full".
    public static let kvCacheFull = 0.9
    /// Waiting requests at or above this, and above a quarter of those running, is a queue.
    public static let queueMinimum = 5.0
    /// GPU utilisation (percent) under this is idle.
    public static let idleGPU = 10.0

    /// The verdict for one chute, most telling first: a stuck engine, a full KV cache, a queue,
    /// a cold start. Nil without engine figures or when none applies. `starting`: the
    /// instances the control plane says are starting, when it says each one's phase (an
    /// instance that is up but not ready, its database down say, is not loading); nil: every
    /// instance not ready counts as loading.
    public static func judge(_ inference: InferenceFigures?, gpuMeanUtilization: Double?, counts: FleetPicture.Counts,
                             starting: Int? = nil) -> SaturationVerdict? {
        guard let f = inference else { return nil }
        let waiting = f.waiting ?? 0, running = f.running ?? 0
        let queued = waiting >= queueMinimum && waiting > running / 4
        if waiting >= 1, let gpu = gpuMeanUtilization, gpu < idleGPU, (f.generationTokensPerSecond ?? 0) == 0, counts.ready > 0 {
            return SaturationVerdict(kind: .engineStuck, text: "GPU idle (\(whole(gpu)) %) while \(whole(waiting)) wait, no tokens: engine stuck? restart the instance")
        }
        if let kv = f.kvCacheUsageMax, kv >= kvCacheFull, waiting >= 1 || (f.preemptionsPerSecond ?? 0) > 0 {
            var parts = ["KV cache full (\(whole(kv * 100)) %)", "\(whole(waiting)) waiting"]
            if let p = f.preemptionsPerSecond, p > 0 { parts.append("preempting \(oneDecimal(p))/s") }
            return SaturationVerdict(kind: .kvCache, text: parts.joined(separator: ", ") + ": scale out or lower max context")
        }
        let loading = starting ?? (counts.current - counts.ready)
        if loading > 0, waiting >= 1 || counts.ready == 0 {
            return SaturationVerdict(kind: .coldStart, text: "cold start: \(loading) of \(counts.current) instances loading" + (waiting >= 1 ? ", \(whole(waiting)) waiting" : ""))
        }
        if queued {
            let kv = f.kvCacheUsage.map { ", KV cache \(whole($0 * 100)) %" } ?? ""
            return SaturationVerdict(kind: .queue, text: "queue growing: \(whole(waiting)) waiting, \(whole(running)) running\(kv): scale out or lower concurrency")
        }
        return nil
    }

    private static func whole(_ v: Double) -> String { String(Int(v.rounded())) }
    private static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
