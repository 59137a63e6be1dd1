/// One histogram series from one scrape: its buckets by numeric upper bound (sorted), sum and
/// count. `le="1"`, `le="1.0"` and `le="1e+00"` are the same bucket.
public struct HistogramSnapshot: Sendable, Hashable {
    public struct Bucket: Sendable, Hashable {
        public var upperBound: Double
        public var cumulativeCount: Double
        public init(upperBound: Double, cumulativeCount: Double) {
            self.upperBound = upperBound
            self.cumulativeCount = cumulativeCount
        }
    }

    public var family: String
    /// The series' labels without `le`.
    public var labels: [Label]
    /// Sorted by upper bound; may lack +Inf when the exporter is broken (see `hasInfiniteBucket`).
    public var buckets: [Bucket]
    public var sum: Double?
    public var count: Double?

    public init(family: String, labels: [Label], buckets: [Bucket], sum: Double?, count: Double?) {
        self.family = family
        self.labels = labels
        self.buckets = buckets
        self.sum = sum
        self.count = count
    }

    public var hasInfiniteBucket: Bool { buckets.last?.upperBound == .infinity }
}

/// One summary series from one scrape: quantiles by numeric value, sum and count.
public struct SummarySnapshot: Sendable, Hashable {
    public var family: String
    public var labels: [Label]
    /// (quantile, value), sorted by quantile; values may be NaN (no observations).
    public var quantiles: [(quantile: Double, value: Double)]
    public var sum: Double?
    public var count: Double?

    public init(family: String, labels: [Label], quantiles: [(quantile: Double, value: Double)], sum: Double?, count: Double?) {
        self.family = family
        self.labels = labels
        self.quantiles = quantiles
        self.sum = sum
        self.count = count
    }

    public static func == (a: SummarySnapshot, b: SummarySnapshot) -> Bool {
        a.family == b.family && a.labels == b.labels && a.sum == b.sum && a.count == b.count
            && a.quantiles.count == b.quantiles.count
            && zip(a.quantiles, b.quantiles).allSatisfy { $0.quantile == $1.quantile && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN)) }
    }

    public func hash(into h: inout Hasher) {
        h.combine(family)
        h.combine(labels)
    }
}
