import Monitoring

/// Groups a page's histogram and summary samples into one snapshot per series: labels without
/// `le` / `quantile`, bounds compared as numbers, buckets sorted. Samples whose `le` or
/// `quantile` is not a number are left out (the exposition was broken there).
public enum MetricGroups {
    public static func histograms(in page: ExpositionPage) -> [HistogramSnapshot] {
        var order: [HistogramKey] = []
        var groups: [HistogramKey: HistogramSnapshot] = [:]
        for s in page.samples {
            let family = page.families[s.family]
            guard family.type == .histogram || family.type == .gaugehistogram else { continue }
            let suffix = String(s.name.dropFirst(family.name.count))
            let labels = s.labels.filter { $0.name != "le" }
            let key = HistogramKey(family: family.name, labels: labels)
            if groups[key] == nil {
                order.append(key)
                groups[key] = HistogramSnapshot(family: family.name, labels: labels, buckets: [], sum: nil, count: nil)
            }
            switch suffix {
            case "_bucket":
                guard let le = s.label("le").flatMap(bound) else { continue }
                groups[key]!.buckets.append(.init(upperBound: le, cumulativeCount: s.value))
            case "_sum", "_gsum": groups[key]!.sum = s.value
            case "_count", "_gcount": groups[key]!.count = s.value
            default: break
            }
        }
        return order.map { key in
            var h = groups[key]!
            // Stable sort, then the first of equal bounds wins ("1" and "1.0" are one bucket).
            h.buckets = h.buckets.enumerated().sorted { ($0.element.upperBound, $0.offset) < ($1.element.upperBound, $1.offset) }
                .map(\.element)
            h.buckets = h.buckets.enumerated().filter { $0.offset == 0 || h.buckets[$0.offset - 1].upperBound != $0.element.upperBound }
                .map(\.element)
            return h
        }
    }

    public static func summaries(in page: ExpositionPage) -> [SummarySnapshot] {
        var order: [HistogramKey] = []
        var groups: [HistogramKey: SummarySnapshot] = [:]
        for s in page.samples {
            let family = page.families[s.family]
            guard family.type == .summary else { continue }
            let labels = s.labels.filter { $0.name != "quantile" }
            let key = HistogramKey(family: family.name, labels: labels)
            if groups[key] == nil {
                order.append(key)
                groups[key] = SummarySnapshot(family: family.name, labels: labels, quantiles: [], sum: nil, count: nil)
            }
            switch String(s.name.dropFirst(family.name.count)) {
            case "":
                guard let q = s.label("quantile").flatMap(bound) else { continue }
                groups[key]!.quantiles.append((q, s.value))
            case "_sum": groups[key]!.sum = s.value
            case "_count": groups[key]!.count = s.value
            default: break
            }
        }
        return order.map { key in
            var summary = groups[key]!
            summary.quantiles.sort { $0.quantile < $1.quantile }
            return summary
        }
    }

    /// An `le` or `quantile` label value as a number: any float spelling, `+Inf`, `Inf`.
    static func bound(_ text: String) -> Double? {
        guard let v = LenientNumber.parse(text), !v.isNaN else { return nil }
        return v
    }

    struct HistogramKey: Hashable {
        var family: String
        var labels: [Label]
    }
}
