/// What an LLM engine says about one instance or one chute: its queue and batch, KV-cache
/// pressure, token throughput, preemptions, prefix-cache hits and the latencies it measures
/// itself (time to first token, inter-token latency, end to end), as PromQL would compute
/// them (`rate` over the window, `histogram_quantile` over `sum by (le)`). Nil where the
/// engine does not expose the series or there was no traffic to measure; `ageSeconds` is the
/// age of the oldest data behind them.
public struct InferenceFigures: Sendable, Hashable, Codable {
    public var engine: String?
    public var running: Double?
    public var waiting: Double?
    /// Fraction 0-1 (a chute's is the mean over its instances).
    public var kvCacheUsage: Double?
    /// The fullest instance's KV cache (a chute's; an instance's equals `kvCacheUsage`).
    public var kvCacheUsageMax: Double?
    public var promptTokensPerSecond: Double?
    public var generationTokensPerSecond: Double?
    public var preemptionsPerSecond: Double?
    /// Prefix-cache hits over queries (tokens), or the engine's own ratio gauge.
    public var prefixCacheHitRatio: Double?
    public var timeToFirstTokenP50: Double?
    public var timeToFirstTokenP95: Double?
    public var interTokenLatencyP50: Double?
    public var interTokenLatencyP95: Double?
    public var requestLatencyP50: Double?
    public var requestLatencyP95: Double?
    public var ageSeconds: Double?

    public init(engine: String? = nil, running: Double? = nil, waiting: Double? = nil, kvCacheUsage: Double? = nil,
                kvCacheUsageMax: Double? = nil, promptTokensPerSecond: Double? = nil, generationTokensPerSecond: Double? = nil,
                preemptionsPerSecond: Double? = nil, prefixCacheHitRatio: Double? = nil,
                timeToFirstTokenP50: Double? = nil, timeToFirstTokenP95: Double? = nil,
                interTokenLatencyP50: Double? = nil, interTokenLatencyP95: Double? = nil,
                requestLatencyP50: Double? = nil, requestLatencyP95: Double? = nil, ageSeconds: Double? = nil) {
        self.engine = engine
        self.running = running
        self.waiting = waiting
        self.kvCacheUsage = kvCacheUsage
        self.kvCacheUsageMax = kvCacheUsageMax ?? kvCacheUsage
        self.promptTokensPerSecond = promptTokensPerSecond
        self.generationTokensPerSecond = generationTokensPerSecond
        self.preemptionsPerSecond = preemptionsPerSecond
        self.prefixCacheHitRatio = prefixCacheHitRatio
        self.timeToFirstTokenP50 = timeToFirstTokenP50
        self.timeToFirstTokenP95 = timeToFirstTokenP95
        self.interTokenLatencyP50 = interTokenLatencyP50
        self.interTokenLatencyP95 = interTokenLatencyP95
        self.requestLatencyP50 = requestLatencyP50
        self.requestLatencyP95 = requestLatencyP95
        self.ageSeconds = ageSeconds
    }

    /// An instance's figures from its newest scrape's gauges and its counters' rates.
    public init(gauges: EngineDigest, rates: TrafficFigures?, age: Double?) {
        self.init(engine: gauges.engine, running: gauges.running, waiting: gauges.waiting, kvCacheUsage: gauges.kvCacheUsage,
                  ageSeconds: age)
        prefixCacheHitRatio = gauges.prefixCacheHitRatio
        if let rates { take(rates) }
    }

    /// Rates and quantiles from summed counter rates (one instance's, or a chute's).
    public mutating func take(_ rates: TrafficFigures) {
        let r = rates.engineRates
        promptTokensPerSecond = r[.promptTokens] ?? promptTokensPerSecond
        generationTokensPerSecond = r[.generationTokens] ?? generationTokensPerSecond
        preemptionsPerSecond = r[.preemptions] ?? preemptionsPerSecond
        if let q = r[.prefixCacheQueries], let h = r[.prefixCacheHits], q > 0 { prefixCacheHitRatio = h / q }
        timeToFirstTokenP50 = rates.engineQuantile(.timeToFirstToken, 0.5)
        timeToFirstTokenP95 = rates.engineQuantile(.timeToFirstToken, 0.95)
        interTokenLatencyP50 = rates.engineQuantile(.interTokenLatency, 0.5)
        interTokenLatencyP95 = rates.engineQuantile(.interTokenLatency, 0.95)
        requestLatencyP50 = rates.engineQuantile(.requestLatency, 0.5)
        requestLatencyP95 = rates.engineQuantile(.requestLatency, 0.95)
    }

    /// A chute's gauges from its instances': running and waiting summed, the KV cache averaged
    /// (and its maximum kept); rates and quantiles come from the summed counters (`take`).
    public static func chute(_ instances: [InferenceFigures]) -> InferenceFigures? {
        guard !instances.isEmpty else { return nil }
        func sum(_ k: KeyPath<InferenceFigures, Double?>) -> Double? {
            let v = instances.compactMap { $0[keyPath: k] }
            return v.isEmpty ? nil : v.reduce(0, +)
        }
        let kv = instances.compactMap(\.kvCacheUsage)
        let ratios = instances.compactMap(\.prefixCacheHitRatio)
        var c = InferenceFigures(engine: instances.compactMap(\.engine).first, running: sum(\.running), waiting: sum(\.waiting),
                                 kvCacheUsage: kv.isEmpty ? nil : kv.reduce(0, +) / Double(kv.count),
                                 kvCacheUsageMax: instances.compactMap(\.kvCacheUsageMax).max(),
                                 promptTokensPerSecond: sum(\.promptTokensPerSecond),
                                 generationTokensPerSecond: sum(\.generationTokensPerSecond),
                                 preemptionsPerSecond: sum(\.preemptionsPerSecond),
                                 prefixCacheHitRatio: ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count))
        c.ageSeconds = instances.compactMap(\.ageSeconds).max()
        return c
    }
}
