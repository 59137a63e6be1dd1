import Monitoring

/// What a chute's engines exposed in one simulated second: their gauges (summed; the KV cache
/// averaged over instances) and what their counters and histogram buckets counted in it. The
/// truth that `rate(…)` and `histogram_quantile` over the exposed series must reproduce.
public struct EngineSecond: Sendable, Hashable {
    public var running = 0.0
    public var waiting = 0.0
    var kvCacheSum = 0.0
    var engines = 0
    public var promptTokens = 0.0
    public var generationTokens = 0.0
    public var preemptions = 0.0
    /// Exposed bucket increases, cumulative per bound then +Inf.
    public var timeToFirstToken: [Double] = []
    public var interTokenLatency: [Double] = []
    var timeToFirstTokenBounds: [Double] = []
    var interTokenLatencyBounds: [Double] = []

    /// Mean KV-cache usage over the chute's instances; nil without engines.
    public var kvCacheUsage: Double? { engines > 0 ? kvCacheSum / Double(engines) : nil }

    mutating func add(before: SimulatedEngine?, after: SimulatedEngine) {
        running += after.running
        waiting += after.waiting
        kvCacheSum += after.kvCacheUsage
        engines += 1
        promptTokens += after.promptTokens - (before?.promptTokens ?? 0)
        generationTokens += after.generationTokens - (before?.generationTokens ?? 0)
        preemptions += after.preemptions - (before?.preemptions ?? 0)
        func increases(_ a: SimulatedHistogram, _ b: SimulatedHistogram?) -> [Double] {
            let now = a.exposed, then = b?.exposed ?? [Double](repeating: 0, count: now.count)
            return zip(now, then).map { $0 - $1 }
        }
        func accumulate(_ into: inout [Double], _ more: [Double]) {
            into = into.isEmpty ? more : zip(into, more).map { $0 + $1 }
        }
        accumulate(&timeToFirstToken, increases(after.timeToFirstToken, before?.timeToFirstToken))
        accumulate(&interTokenLatency, increases(after.interTokenLatency, before?.interTokenLatency))
        timeToFirstTokenBounds = after.timeToFirstToken.bounds
        interTokenLatencyBounds = after.interTokenLatency.bounds
    }
}

extension SimulatedChute {
    /// An engine histogram's quantile over the last `window` seconds ending `secondsAgo`
    /// before now, as histogram_quantile computes it on the exposed buckets (NaN without
    /// observations).
    func engineQuantile(_ q: Double, _ histogram: KeyPath<EngineSecond, [Double]>, bounds: KeyPath<EngineSecond, [Double]>,
                        window: Int, secondsAgo: Int) -> Double {
        let seconds = recentEngine.dropLast(secondsAgo).suffix(window)
        guard let b = seconds.last(where: { !$0[keyPath: bounds].isEmpty })?[keyPath: bounds] else { return .nan }
        var sums = [Double](repeating: 0, count: b.count + 1)
        for s in seconds where s[keyPath: histogram].count == sums.count {
            for k in sums.indices { sums[k] += s[keyPath: histogram][k] }
        }
        var buckets = b.enumerated().map { (upperBound: $0.element, count: sums[$0.offset]) }
        buckets.append((upperBound: .infinity, count: sums[b.count]))
        return HistogramQuantile.quantile(q, buckets)
    }
}
