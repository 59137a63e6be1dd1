/// The inference engine's part of an LLM instance's /metrics, with the names, HELP texts, label
/// sets and buckets vLLM (`vllm/v1/metrics/loggers.py`) and SGLang
/// (`sglang/srt/metrics/collector.py`) use.
enum EngineMetrics {
    static func render(_ w: inout ExpositionWriter, _ e: SimulatedEngine, model: String) {
        switch e.kind {
        case .vllm: vllm(&w, e, labels: [("engine", "0"), ("model_name", model)])
        case .sglang: sglang(&w, e, labels: [("model_name", model)])
        }
    }

    private static func vllm(_ w: inout ExpositionWriter, _ e: SimulatedEngine, labels: [(String, String)]) {
        gauge(&w, "vllm:num_requests_running", "Number of requests in model execution batches.", labels, e.running)
        gauge(&w, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels, e.waiting)
        gauge(&w, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", labels, e.kvCacheUsage)
        counter(&w, "vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.", labels, e.prefixCacheQueries)
        counter(&w, "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.", labels, e.prefixCacheHits)
        counter(&w, "vllm:num_preemptions", "Cumulative number of preemption from the engine.", labels, e.preemptions)
        counter(&w, "vllm:prompt_tokens", "Number of prefill tokens processed.", labels, e.promptTokens)
        counter(&w, "vllm:generation_tokens", "Number of generation tokens processed.", labels, e.generationTokens)
        histogram(&w, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", labels, e.timeToFirstToken)
        histogram(&w, "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", labels, e.interTokenLatency)
        histogram(&w, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", labels, e.requestLatency)
    }

    private static func sglang(_ w: inout ExpositionWriter, _ e: SimulatedEngine, labels: [(String, String)]) {
        counter(&w, "sglang:prompt_tokens", "Number of prefill tokens processed.", labels, e.promptTokens)
        counter(&w, "sglang:generation_tokens", "Number of generation tokens processed.", labels, e.generationTokens)
        histogram(&w, "sglang:time_to_first_token_seconds", "Histogram of time to first token in seconds.", labels, e.timeToFirstToken)
        histogram(&w, "sglang:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", labels, e.interTokenLatency)
        histogram(&w, "sglang:e2e_request_latency_seconds", "Histogram of End-to-end request latency in seconds", labels, e.requestLatency)
        gauge(&w, "sglang:num_running_reqs", "The number of running requests.", labels, e.running)
        gauge(&w, "sglang:token_usage", "The token usage.", labels, e.kvCacheUsage)
        gauge(&w, "sglang:num_queue_reqs", "The number of requests in the waiting queue.", labels, e.waiting)
        let hitRatio = e.prefixCacheQueries > 0 ? e.prefixCacheHits / e.prefixCacheQueries : 0
        gauge(&w, "sglang:cache_hit_rate", "The prefix cache hit rate.", labels, (hitRatio * 1000).rounded() / 1000)
        counter(&w, "sglang:num_retracted_requests", "Total number of retracted requests.", labels, e.preemptions)
    }

    private static func gauge(_ w: inout ExpositionWriter, _ name: String, _ help: String, _ labels: [(String, String)], _ v: Double) {
        w.family(name, "gauge", help: help)
        w.sample(name, labels, v)
    }

    private static func counter(_ w: inout ExpositionWriter, _ name: String, _ help: String, _ labels: [(String, String)], _ v: Double) {
        w.family(name, "counter", help: help)
        w.sample(name + "_total", labels, v)
    }

    private static func histogram(_ w: inout ExpositionWriter, _ name: String, _ help: String, _ labels: [(String, String)], _ h: SimulatedHistogram) {
        w.family(name, "histogram", help: help)
        let exposed = h.exposed
        for (k, bound) in h.bounds.enumerated() { w.sample(name + "_bucket", labels + [("le", ExpositionWriter.bound(bound))], exposed[k]) }
        w.sample(name + "_bucket", labels + [("le", "+Inf")], h.count)
        w.sample(name + "_sum", labels, (h.sum * 1000).rounded() / 1000)
        w.sample(name + "_count", labels, h.count)
    }
}
