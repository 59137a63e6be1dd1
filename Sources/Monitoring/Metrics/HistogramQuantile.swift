/// PromQL's `histogram_quantile` over cumulative buckets (PROTOCOLS.md §5.1): at least two
/// buckets and a +Inf bucket or NaN; NaN without observations; linear interpolation inside the
/// bucket; the +Inf bucket answers with the second-highest bound; the lowest bucket starts at 0
/// when its bound is positive; counts that go down are raised to the previous count.
public enum HistogramQuantile {
    /// `buckets`: (upper bound, cumulative count), in any order.
    public static func quantile(_ q: Double, _ buckets: [(upperBound: Double, count: Double)]) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        var b = buckets.sorted { $0.upperBound < $1.upperBound }
        guard b.count >= 2, b.last?.upperBound == .infinity else { return .nan }
        for i in 1..<b.count where b[i].count < b[i - 1].count { b[i].count = b[i - 1].count }
        let total = b[b.count - 1].count
        guard total > 0 else { return .nan }
        let rank = q * total
        var i = 0
        while i < b.count - 1 && b[i].count < rank { i += 1 }
        if i == b.count - 1 { return b[b.count - 2].upperBound }
        if i == 0 && b[0].upperBound <= 0 { return b[0].upperBound }
        let lower = i == 0 ? 0 : b[i - 1].upperBound
        let below = i == 0 ? 0 : b[i - 1].count
        let inBucket = b[i].count - below
        guard inBucket > 0 else { return b[i].upperBound }
        return lower + (b[i].upperBound - lower) * (rank - below) / inBucket
    }
}
