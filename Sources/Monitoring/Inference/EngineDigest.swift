/// One scrape's inference-engine series: the gauges as read (summed over engines, the KV cache
/// averaged) and the counters and histogram buckets to take rates of. Nil on a page without any.
public struct EngineDigest: Sendable, Hashable, Codable {
    public struct Counter: Sendable, Hashable, Codable {
        public var signal: EngineSignal
        public var counter: ScrapeDigest.Counter
        /// The bucket's upper bound for a histogram signal.
        public var upperBound: Double?

        public init(signal: EngineSignal, counter: ScrapeDigest.Counter, upperBound: Double? = nil) {
            self.signal = signal
            self.counter = counter
            self.upperBound = upperBound
        }
    }

    /// `vllm`, `sglang` or `tgi`, from the names read.
    public var engine: String?
    public var running: Double?
    public var waiting: Double?
    public var kvCacheUsage: Double?
    public var prefixCacheHitRatio: Double?
    public var counters: [Counter]

    public init(engine: String? = nil, running: Double? = nil, waiting: Double? = nil, kvCacheUsage: Double? = nil,
                prefixCacheHitRatio: Double? = nil, counters: [Counter] = []) {
        self.engine = engine
        self.running = running
        self.waiting = waiting
        self.kvCacheUsage = kvCacheUsage
        self.prefixCacheHitRatio = prefixCacheHitRatio
        self.counters = counters
    }

    /// Reads the engine samples of a page received at `time` (a sample's own timestamp wins);
    /// `created` gives a series' `_created` stamp by family and labels. For each signal the
    /// first of its names present is read, so a page with a deprecated name beside the current
    /// one is not counted twice.
    public static func read(_ samples: [MetricSample], time: Double, names: EngineMetricNames,
                            created: (String, [Label]) -> Double? = { _, _ in nil }) -> EngineDigest? {
        guard !samples.isEmpty else { return nil }
        var byName: [String: [MetricSample]] = [:]
        for s in samples where s.value.isFinite { byName[s.name, default: []].append(s) }
        var digest = EngineDigest()
        func first(_ candidates: [String], suffix: String = "") -> (name: String, samples: [MetricSample])? {
            for n in candidates { if let found = byName[n + suffix], !found.isEmpty { return (n, found) } }
            return nil
        }
        func note(_ name: String) { digest.engine = digest.engine ?? EngineMetricNames.engine(of: name) }
        if let g = first(names.running) { digest.running = g.samples.reduce(0) { $0 + $1.value }; note(g.name) }
        if let g = first(names.waiting) { digest.waiting = g.samples.reduce(0) { $0 + $1.value }; note(g.name) }
        if let g = first(names.kvCacheUsage) { digest.kvCacheUsage = g.samples.reduce(0) { $0 + $1.value } / Double(g.samples.count); note(g.name) }
        if let g = first(names.prefixCacheHitRatio) { digest.prefixCacheHitRatio = g.samples.reduce(0) { $0 + $1.value } / Double(g.samples.count); note(g.name) }
        for signal in EngineSignal.allCases {
            if signal.isHistogram {
                guard let h = first(names.counters(signal), suffix: "_bucket") else { continue }
                note(h.name)
                for s in h.samples {
                    guard let le = s.label("le"), let bound = ScrapeDigest.bound(le) else { continue }
                    let series = s.labels.filter { $0.name != "le" }
                    let point = CounterPoint(time: s.timestamp?.seconds ?? time, value: s.value, created: created(h.name, series))
                    digest.counters.append(Counter(signal: signal, counter: ScrapeDigest.Counter(series: series, point: point), upperBound: bound))
                }
            } else {
                guard let c = first(names.counters(signal)) else { continue }
                note(c.name)
                let family = c.name.hasSuffix("_total") ? String(c.name.dropLast(6)) : c.name
                for s in c.samples {
                    let point = CounterPoint(time: s.timestamp?.seconds ?? time, value: s.value, created: created(family, s.labels))
                    digest.counters.append(Counter(signal: signal, counter: ScrapeDigest.Counter(series: s.labels, point: point)))
                }
            }
        }
        return digest.engine == nil ? nil : digest
    }
}
