import Dashboard
import Foundation
import Monitoring

/// The PromQL chutetop asks a Prometheus-compatible API, built once per context from its
/// selector, labels, metric names and rate window. A fixed set whatever the fleet's size, each
/// one query for the whole fleet grouped `by` the chute (and instance) labels, and each rate
/// evaluated once: request and 5xx rates per instance (a chute's are their sums), latency
/// bucket rates per chute (the quantiles are `histogram_quantile`'s arithmetic on them, done
/// here: three quantile queries would evaluate the same bucket rates three times).
public struct FleetQueries: Sendable, Hashable {
    /// One query and what its answer feeds.
    public struct Query: Sendable, Hashable {
        public enum Figure: String, Sendable, Hashable, CaseIterable {
            case up, instanceRequestRate, instanceErrorRate, latencyBuckets, gpus, breakers
            case target, min, max, ready
            case engineGauges, promptTokens, generationTokens, preemptions, prefixCacheHitRatio
            case timeToFirstTokenBuckets, interTokenLatencyBuckets, requestLatencyBuckets
        }
        public var figure: Figure
        public var promQL: String
    }

    /// Instances and their target health (`up`): the inventory and the health reading.
    public let up: Query
    /// Everything the metrics reading asks, one query per figure.
    public let metrics: [Query]
    /// The scaling figures the inventory asks (those configured).
    public let counts: [Query]
    /// Per instance, 1 ready or 0 (when configured).
    public let ready: Query?
    /// Per chute, for `query_range` (the charts' history): a chute's request rate, 5xx ratio
    /// and quantiles as PromQL answers them.
    let historyQueries: [FleetHistory.ChuteSeries: String]
    public let chuteLabel: String
    public let instanceLabel: String
    let selector: String
    /// PromQL for the engine series the history charts (not asked every refresh).
    let engineHistory: [FleetHistory.ChuteSeries: String]

    public init(_ config: PrometheusSourceConfig, names: MetricNames, rateWindow: Double) {
        let c = config.labels.chute, i = config.labels.instance
        chuteLabel = c
        instanceLabel = i
        selector = config.selector
        /// `name{selector,extra}`.
        let series = { (name: String, extra: String) in Self.series(name, selector: config.selector, extra) }
        let range = "[" + Self.duration(rateWindow) + "]"
        let requests = series(names.requests, "")
        func rate(by: String, _ selector: String = requests) -> String { "sum by (\(by)) (rate(\(selector)\(range)))" }
        // 5xx over all requests; the status may be in any of the status labels (tried in order),
        // and a chute that served no 5xx reads 0, not nothing.
        func errorRatio(by: String) -> String {
            let errors = names.statusLabels.map { rate(by: by, series(names.requests, "\($0)=~\"5..\"")) } + ["0 * " + rate(by: by)]
            return "(" + errors.joined(separator: " or ") + ") / " + rate(by: by)
        }
        let buckets = series(names.latencyHistogram + "_bucket", "")
        func quantile(_ q: Double) -> String { "histogram_quantile(\(q), sum by (\(c), le) (rate(\(buckets)\(range))))" }
        func matching(_ names: [String]) -> String {
            series("", "__name__=~\"" + names.sorted().map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|") + "\"")
        }
        let breakerNames = names.breakerStateGauges + [names.breakerNumericGauge, names.breakerFailureRate].compactMap { $0 }

        up = Query(figure: .up, promQL: series("up", ""))
        var metrics = [
            Query(figure: .instanceRequestRate, promQL: rate(by: "\(c), \(i)")),
            Query(figure: .instanceErrorRate,
                  promQL: names.statusLabels.map { rate(by: "\(c), \(i)", series(names.requests, "\($0)=~\"5..\"")) }.joined(separator: " or ")),
            Query(figure: .latencyBuckets, promQL: "sum by (\(c), le) (rate(\(buckets)\(range)))"),
            Query(figure: .gpus, promQL: matching(Array(GPUReading.metricNames))),
            Query(figure: .breakers, promQL: matching(breakerNames)),
        ]
        // Engine series: each signal's names are alternatives, the first present wins per
        // group (`or` keeps the left side's series), so a deprecated name beside its successor
        // is not counted twice.
        let e = names.engine
        func firstOf(_ names: [String], _ each: (String) -> String) -> String { names.map(each).joined(separator: " or ") }
        func counterRate(_ names: [String], by: String) -> String { firstOf(names) { "sum by (\(by)) (rate(\(series($0, ""))\(range)))" } }
        func bucketRates(_ names: [String], by: String) -> String {
            firstOf(names) { "sum by (\(by), le) (rate(\(series($0 + "_bucket", ""))\(range)))" }
        }
        func engineQuantile(_ q: Double, _ names: [String], by: String) -> String { "histogram_quantile(\(q), " + bucketRates(names, by: by) + ")" }
        let both = "\(c), \(i)"
        metrics += [
            Query(figure: .engineGauges, promQL: matching(e.running + e.waiting + e.kvCacheUsage + e.prefixCacheHitRatio)),
            Query(figure: .promptTokens, promQL: counterRate(e.promptTokens, by: both)),
            Query(figure: .generationTokens, promQL: counterRate(e.generationTokens, by: both)),
            Query(figure: .preemptions, promQL: counterRate(e.preemptions, by: both)),
            Query(figure: .prefixCacheHitRatio, promQL: "(" + counterRate(e.prefixCacheHits, by: both) + ") / (" + counterRate(e.prefixCacheQueries, by: both) + ")"),
            // Bucket rates per instance, once per histogram: the instance's and the chute's
            // (summed per bound) quantiles are histogram_quantile's arithmetic done here.
            Query(figure: .timeToFirstTokenBuckets, promQL: bucketRates(e.timeToFirstToken, by: both)),
            Query(figure: .interTokenLatencyBuckets, promQL: bucketRates(e.interTokenLatency, by: both)),
            Query(figure: .requestLatencyBuckets, promQL: bucketRates(e.requestLatency, by: both)),
        ]
        engineHistory = [
            .waiting: firstOf(e.waiting) { "sum by (\(c)) (\(series($0, "")))" },
            .kvCacheUsage: firstOf(e.kvCacheUsage) { "avg by (\(c)) (\(series($0, "")))" },
            .generationTokens: counterRate(e.generationTokens, by: c),
            .timeToFirstTokenP95: engineQuantile(0.95, e.timeToFirstToken, by: c),
            .interTokenLatencyP95: engineQuantile(0.95, e.interTokenLatency, by: c),
        ]
        self.metrics = metrics
        historyQueries = [.requestRate: rate(by: c), .errorRatio: errorRatio(by: c),
                          .p50: quantile(0.5), .p95: quantile(0.95), .p99: quantile(0.99)]
        let template = { (e: String) in e.replacingOccurrences(of: "{{chute}}", with: c).replacingOccurrences(of: "{{instance}}", with: i) }
        counts = [(Query.Figure.target, config.counts.target), (.min, config.counts.min), (.max, config.counts.max)]
            .compactMap { figure, e in e.map { Query(figure: figure, promQL: template($0)) } }
        ready = config.counts.ready.map { Query(figure: .ready, promQL: template($0)) }
    }

    /// Every query of one refresh (listing and readings): the count ARCHITECTURE.md states.
    public var all: [Query] { [up] + metrics + counts + (ready.map { [$0] } ?? []) }

    /// The chute's history series as PromQL (for `query_range`), restricted to some chutes by
    /// a regex on the chute label when given.
    public func history(_ series: FleetHistory.ChuteSeries, chutes: [String]?) -> String {
        let query = historyQueries[series] ?? engineHistory[series]!
        guard let chutes, !chutes.isEmpty else { return query }
        let only = chuteLabel + "=~\"" + chutes.map { Self.quoted(NSRegularExpression.escapedPattern(for: $0)) }.joined(separator: "|") + "\""
        return "(" + query + ") and on (" + chuteLabel + ") group by (" + chuteLabel + ") (" + Self.series("up", selector: selector, only) + ")"
    }

    /// `name{selector,extra}` (no braces when there are no matchers).
    static func series(_ name: String, selector: String, _ extra: String = "") -> String {
        let matchers = [selector, extra].filter { !$0.isEmpty }.joined(separator: ",")
        return matchers.isEmpty ? name : name + "{" + matchers + "}"
    }

    /// A PromQL duration: whole seconds (`60s`), or milliseconds when finer.
    static func duration(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(Int((seconds * 1000).rounded()))ms"
    }

    /// Escapes a string for a PromQL double-quoted literal.
    static func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
