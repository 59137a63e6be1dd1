/// One scrape of one instance reduced to what chutetop derives from: the request counters by
/// series and status, the latency histogram's buckets by series, GPUs and breakers. Small, so
/// a window of them per instance is cheap to keep.
public struct ScrapeDigest: Sendable, Hashable, Codable {
    /// A counter series: its identity (labels without `le`), and for buckets the bound.
    public struct Counter: Sendable, Hashable, Codable {
        public var series: [Label]
        public var point: CounterPoint

        public init(series: [Label], point: CounterPoint) {
            self.series = series
            self.point = point
        }
    }

    public struct RequestCounter: Sendable, Hashable, Codable {
        public var counter: Counter
        public var serverError: Bool

        public init(counter: Counter, serverError: Bool) {
            self.counter = counter
            self.serverError = serverError
        }
    }

    public struct BucketCounter: Sendable, Hashable, Codable {
        public var counter: Counter
        public var upperBound: Double

        public init(counter: Counter, upperBound: Double) {
            self.counter = counter
            self.upperBound = upperBound
        }
    }

    /// When the scrape was received (seconds since the epoch).
    public var time: Double
    public var requests: [RequestCounter]
    public var buckets: [BucketCounter]
    public var gpus: [GPUReading]
    public var breakers: [BreakerReading]
    /// The inference engine's series (vLLM, SGLang, TGI), when the page has any.
    public var engine: EngineDigest?
    public var sampleCount: Int
    public var skippedLines: Int
    /// How the page exposes requests and latency (for the readiness review); nil when the
    /// digest was not read from a page.
    public var shape: PageShape?

    public init(time: Double, requests: [RequestCounter] = [], buckets: [BucketCounter] = [], gpus: [GPUReading] = [],
                breakers: [BreakerReading] = [], engine: EngineDigest? = nil, sampleCount: Int = 0, skippedLines: Int = 0) {
        self.engine = engine
        self.time = time
        self.requests = requests
        self.buckets = buckets
        self.gpus = gpus
        self.breakers = breakers
        self.sampleCount = sampleCount
        self.skippedLines = skippedLines
    }

    /// Reduces a parsed page received at `time`. A sample's own timestamp wins over `time`
    /// (as Prometheus' honor_timestamps does).
    public init(page: ExpositionPage, time: Double, names: MetricNames) {
        self.init(time: time, sampleCount: page.samples.count, skippedLines: page.issues.count)
        let requestFamily = names.requests.hasSuffix("_total") ? String(names.requests.dropLast(6)) : names.requests
        let bucketName = names.latencyHistogram + "_bucket"
        var created: [String: [[Label]: Double]] = [:]
        for c in page.created where c.family == requestFamily || c.family == names.latencyHistogram {
            created[c.family, default: [:]][c.labels] = c.created
        }
        // Decide once per family which concern it feeds, then look at the samples of those
        // families only (a page is mostly families chutetop does not derive from).
        let kind = { (name: String) in Self.kind(ofFamily: name, names) }
        let kinds = page.families.map { kind($0.name) }
        var gpuSamples: [MetricSample] = [], breakerSamples: [MetricSample] = [], engineSamples: [MetricSample] = []
        for s in page.samples {
            // A page built without families (tests, other sources) is judged by sample name.
            switch s.family < kinds.count ? kinds[s.family] : kind(s.name) {
            case .none:
                continue
            case .requests where s.name == names.requests:
                let at = s.timestamp?.seconds ?? time
                let status = names.statusLabels.lazy.compactMap { s.label($0) }.first ?? ""
                let point = CounterPoint(time: at, value: s.value, created: created[requestFamily]?[s.labels])
                requests.append(RequestCounter(counter: Counter(series: s.labels, point: point),
                                               serverError: StatusClass.isServerError(status)))
            case .buckets where s.name == bucketName:
                guard let le = s.label("le"), let bound = Self.bound(le) else { continue }
                let at = s.timestamp?.seconds ?? time
                let series = s.labels.filter { $0.name != "le" }
                let point = CounterPoint(time: at, value: s.value, created: created[names.latencyHistogram]?[series])
                buckets.append(BucketCounter(counter: Counter(series: series, point: point), upperBound: bound))
            case .gpu:
                gpuSamples.append(s)
            case .breaker:
                breakerSamples.append(s)
            case .engine:
                engineSamples.append(s)
            default:
                continue
            }
        }
        shape = PageShape(page: page, names: names, requests: requests)
        gpus = GPUReading.readings(from: gpuSamples)
        breakers = BreakerReading.readings(from: breakerSamples, names: names)
        if !engineSamples.isEmpty {
            var engineCreated: [String: [[Label]: Double]] = [:]
            for c in page.created where names.engine.families.contains(c.family) { engineCreated[c.family, default: [:]][c.labels] = c.created }
            engine = EngineDigest.read(engineSamples, time: time, names: names.engine) { engineCreated[$0]?[$1] }
        }
    }

    private enum FamilyKind { case none, requests, buckets, gpu, breaker, engine }

    private static func kind(ofFamily name: String, _ names: MetricNames) -> FamilyKind {
        if name == names.requests || name + "_total" == names.requests { return .requests }
        if name == names.latencyHistogram || name == names.latencyHistogram + "_bucket" { return .buckets }
        if GPUReading.metricNames.contains(name) { return .gpu }
        if names.breakerStateGauges.contains(name) || name == names.breakerNumericGauge || name == names.breakerFailureRate { return .breaker }
        if names.engine.families.contains(name) { return .engine }
        return .none
    }

    /// Whether a family feeds a digest: a parser may skip the samples of the others.
    public static func derives(fromFamily name: String, names: MetricNames) -> Bool {
        kind(ofFamily: name, names) != .none
    }

    /// `le` as a number: `1`, `1.0`, `1e+00` and `+Inf` (PROTOCOLS.md §1.2).
    public static func bound(_ le: String) -> Double? {
        switch le {
        case "+Inf", "Inf", "+inf", "inf": return .infinity
        default: return Double(le)
        }
    }
}
