/// Request rate, 5xx rate and latency-bucket rates over a window, per instance or summed over a
/// chute: PromQL's `sum(rate(requests[w]))`, `sum(rate(requests{status=~"5.."}[w]))` and
/// `histogram_quantile(q, sum by (le) (rate(bucket[w])))`.
public struct TrafficFigures: Sendable, Hashable {
    public var requestRate: Double
    public var errorRate: Double
    /// Bucket rate by upper bound (cumulative, +Inf included when exposed).
    public var bucketRates: [Double: Double]
    /// Inference engine counters' rates (tokens, preemptions, prefix cache), and their
    /// histograms' bucket rates by upper bound.
    public var engineRates: [EngineSignal: Double]
    public var engineBuckets: [EngineSignal: [Double: Double]]

    public init(requestRate: Double = 0, errorRate: Double = 0, bucketRates: [Double: Double] = [:],
                engineRates: [EngineSignal: Double] = [:], engineBuckets: [EngineSignal: [Double: Double]] = [:]) {
        self.requestRate = requestRate
        self.errorRate = errorRate
        self.bucketRates = bucketRates
        self.engineRates = engineRates
        self.engineBuckets = engineBuckets
    }

    /// histogram_quantile over an engine histogram's summed bucket rates; nil where PromQL
    /// gives NaN.
    public func engineQuantile(_ signal: EngineSignal, _ q: Double) -> Double? {
        guard let b = engineBuckets[signal] else { return nil }
        let v = HistogramQuantile.quantile(q, b.map { (upperBound: $0.key, count: $0.value) })
        return v.isNaN ? nil : v
    }

    /// 5xx over all requests; nil without requests (PromQL's 0/0 is NaN).
    public var errorRatio: Double? { requestRate > 0 ? errorRate / requestRate : nil }

    /// histogram_quantile over the summed bucket rates; nil where PromQL gives NaN (no
    /// requests, fewer than two buckets, no +Inf bucket).
    public func latencyQuantile(_ q: Double) -> Double? {
        let v = HistogramQuantile.quantile(q, bucketRates.map { (upperBound: $0.key, count: $0.value) })
        return v.isNaN ? nil : v
    }

    public static func + (a: TrafficFigures, b: TrafficFigures) -> TrafficFigures {
        TrafficFigures(requestRate: a.requestRate + b.requestRate, errorRate: a.errorRate + b.errorRate,
                       bucketRates: a.bucketRates.merging(b.bucketRates, uniquingKeysWith: +),
                       engineRates: a.engineRates.merging(b.engineRates, uniquingKeysWith: +),
                       engineBuckets: a.engineBuckets.merging(b.engineBuckets) { $0.merging($1, uniquingKeysWith: +) })
    }
}
