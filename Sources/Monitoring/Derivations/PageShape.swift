/// How a metrics page exposes the RED signals, beyond their values: which label carries a
/// request's status, and whether latency is a histogram (aggregatable) or only a summary.
/// The readiness review reads it; the figures do not.
public struct PageShape: Sendable, Hashable, Codable {
    public enum Latency: String, Sendable, Hashable, Codable {
        case histogram, summary, none
    }

    /// The request counter's name, when the page has its samples.
    public var requestCounter: String?
    /// The label a request's status is read from (`code`, `status`, …); nil when none of the
    /// configured status labels is on the request counter.
    public var statusLabel: String?
    public var latency: Latency
    /// The family latency is exposed as (the histogram, or the summary found instead).
    public var latencyFamily: String?

    public init(requestCounter: String?, statusLabel: String?, latency: Latency, latencyFamily: String?) {
        self.requestCounter = requestCounter
        self.statusLabel = statusLabel
        self.latency = latency
        self.latencyFamily = latencyFamily
    }

    /// The shape of `page`, whose request counters `requests` were read with `names`.
    init(page: ExpositionPage, names: MetricNames, requests: [ScrapeDigest.RequestCounter]) {
        let statusLabel = requests.lazy.compactMap { r in names.statusLabels.first { l in r.counter.series.contains { $0.name == l } } }.first
        let histogram = page.families.first { $0.name == names.latencyHistogram && $0.type == .histogram }
            ?? (page.samples.contains { $0.name == names.latencyHistogram + "_bucket" }
                ? MetricFamily(name: names.latencyHistogram, type: .histogram) : nil)
        let summary = page.families.first { f in
            f.type == .summary && (f.name == names.latencyHistogram || f.name.contains("duration") || f.name.contains("latency"))
        }
        self.init(requestCounter: requests.isEmpty ? nil : names.requests, statusLabel: statusLabel,
                  latency: histogram != nil ? .histogram : summary != nil ? .summary : .none,
                  latencyFamily: histogram?.name ?? summary?.name)
    }
}
