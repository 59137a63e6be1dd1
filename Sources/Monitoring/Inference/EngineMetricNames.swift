/// The inference engine series chutetop reads, per signal, as alternatives tried in order: the
/// first name present on a page (or in Prometheus) is the one read. The defaults are the names
/// vLLM (`vllm/v1/metrics/loggers.py`), SGLang (`sglang/srt/metrics/collector.py`) and TGI
/// (its metrics reference) expose; README "Inference signals" lists each with its source.
/// Counters are named as exposed (with `_total`), histograms by their base name.
public struct EngineMetricNames: Sendable, Hashable {
    /// Requests in the running batch (gauge).
    public let running: [String]
    /// Requests waiting for a batch slot (gauge).
    public let waiting: [String]
    /// KV-cache blocks in use, as a fraction 0-1 (gauge).
    public let kvCacheUsage: [String]
    public let promptTokens: [String]
    public let generationTokens: [String]
    /// Requests preempted (vLLM) or retracted (SGLang) because the KV cache ran out (counter).
    public let preemptions: [String]
    /// Prefix-cache queries and hits in tokens (counters), or the hit ratio itself (gauge).
    public let prefixCacheQueries: [String]
    public let prefixCacheHits: [String]
    public let prefixCacheHitRatio: [String]
    /// Histograms (base names).
    public let timeToFirstToken: [String]
    public let interTokenLatency: [String]
    public let requestLatency: [String]
    /// Every family name above (counters also without `_total`, histograms also with
    /// `_bucket`): what a page's families are checked against.
    public let families: Set<String>

    public init(running: [String] = ["vllm:num_requests_running", "sglang:num_running_reqs", "tgi_batch_current_size"],
                waiting: [String] = ["vllm:num_requests_waiting", "sglang:num_queue_reqs", "tgi_queue_size"],
                kvCacheUsage: [String] = ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage"],
                promptTokens: [String] = ["vllm:prompt_tokens_total", "sglang:prompt_tokens_total"],
                generationTokens: [String] = ["vllm:generation_tokens_total", "sglang:generation_tokens_total"],
                preemptions: [String] = ["vllm:num_preemptions_total", "sglang:num_retracted_requests_total"],
                prefixCacheQueries: [String] = ["vllm:prefix_cache_queries_total", "vllm:gpu_prefix_cache_queries_total"],
                prefixCacheHits: [String] = ["vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total"],
                prefixCacheHitRatio: [String] = ["sglang:cache_hit_rate"],
                timeToFirstToken: [String] = ["vllm:time_to_first_token_seconds", "sglang:time_to_first_token_seconds"],
                interTokenLatency: [String] = ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds",
                                               "sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds",
                                               "tgi_request_mean_time_per_token_duration"],
                requestLatency: [String] = ["vllm:e2e_request_latency_seconds", "sglang:e2e_request_latency_seconds", "tgi_request_duration"]) {
        self.running = running
        self.waiting = waiting
        self.kvCacheUsage = kvCacheUsage
        self.promptTokens = promptTokens
        self.generationTokens = generationTokens
        self.preemptions = preemptions
        self.prefixCacheQueries = prefixCacheQueries
        self.prefixCacheHits = prefixCacheHits
        self.prefixCacheHitRatio = prefixCacheHitRatio
        self.timeToFirstToken = timeToFirstToken
        self.interTokenLatency = interTokenLatency
        self.requestLatency = requestLatency
        let counters = promptTokens + generationTokens + preemptions + prefixCacheQueries + prefixCacheHits
        let histograms = timeToFirstToken + interTokenLatency + requestLatency
        families = Set(running + waiting + kvCacheUsage + prefixCacheHitRatio + counters
                       + counters.map { $0.hasSuffix("_total") ? String($0.dropLast(6)) : $0 }
                       + histograms + histograms.map { $0 + "_bucket" })
    }

    public static let standard = EngineMetricNames()

    /// The counter names of a signal.
    public func counters(_ signal: EngineSignal) -> [String] {
        switch signal {
        case .promptTokens: promptTokens
        case .generationTokens: generationTokens
        case .preemptions: preemptions
        case .prefixCacheQueries: prefixCacheQueries
        case .prefixCacheHits: prefixCacheHits
        case .timeToFirstToken: timeToFirstToken
        case .interTokenLatency: interTokenLatency
        case .requestLatency: requestLatency
        }
    }

    /// Which engine a series name belongs to, by its prefix.
    public static func engine(of name: String) -> String? {
        if name.hasPrefix("vllm:") { return "vllm" }
        if name.hasPrefix("sglang:") { return "sglang" }
        if name.hasPrefix("tgi_") { return "tgi" }
        return nil
    }
}

/// An engine series read as a counter (tokens, preemptions, prefix cache) or as a histogram's
/// bucket counters (latencies).
public enum EngineSignal: UInt8, Sendable, Hashable, Codable, CaseIterable {
    case promptTokens, generationTokens, preemptions, prefixCacheQueries, prefixCacheHits
    case timeToFirstToken, interTokenLatency, requestLatency

    public var isHistogram: Bool { self == .timeToFirstToken || self == .interTokenLatency || self == .requestLatency }
}

/// Written down with a recorded session's engine setup: every alternative name, not the
/// `families` derived from them.
extension EngineMetricNames: Codable {
    enum CodingKeys: String, CodingKey {
        case running, waiting, kvCacheUsage, promptTokens, generationTokens, preemptions, prefixCacheQueries, prefixCacheHits
        case prefixCacheHitRatio, timeToFirstToken, interTokenLatency, requestLatency
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let names = { (key: CodingKeys) throws -> [String] in try c.decode([String].self, forKey: key) }
        self.init(running: try names(.running), waiting: try names(.waiting), kvCacheUsage: try names(.kvCacheUsage),
                  promptTokens: try names(.promptTokens), generationTokens: try names(.generationTokens),
                  preemptions: try names(.preemptions), prefixCacheQueries: try names(.prefixCacheQueries),
                  prefixCacheHits: try names(.prefixCacheHits), prefixCacheHitRatio: try names(.prefixCacheHitRatio),
                  timeToFirstToken: try names(.timeToFirstToken), interTokenLatency: try names(.interTokenLatency),
                  requestLatency: try names(.requestLatency))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(running, forKey: .running)
        try c.encode(waiting, forKey: .waiting)
        try c.encode(kvCacheUsage, forKey: .kvCacheUsage)
        try c.encode(promptTokens, forKey: .promptTokens)
        try c.encode(generationTokens, forKey: .generationTokens)
        try c.encode(preemptions, forKey: .preemptions)
        try c.encode(prefixCacheQueries, forKey: .prefixCacheQueries)
        try c.encode(prefixCacheHits, forKey: .prefixCacheHits)
        try c.encode(prefixCacheHitRatio, forKey: .prefixCacheHitRatio)
        try c.encode(timeToFirstToken, forKey: .timeToFirstToken)
        try c.encode(interTokenLatency, forKey: .interTokenLatency)
        try c.encode(requestLatency, forKey: .requestLatency)
    }
}
