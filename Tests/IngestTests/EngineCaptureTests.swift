import Ingest
import Monitoring
import TestLanes
import Testing

/// Pages written as vLLM and SGLang emit them (prometheus_client text 0.0.4: HELP/TYPE on the
/// `_total` name for counters, `_created` stamps beside them, the engines' own buckets and
/// label sets), reduced to engine figures and rated across two scrapes like a live instance.
@Suite(.lane(.compute)) struct EngineCaptureTests {
    func digest(_ text: String, at time: Double) -> ScrapeDigest {
        ScrapeDigest(page: ExpositionParser(options: .init(format: .text)).parse(Array(text.utf8)), time: time, names: .standard)
    }

    /// A vLLM v1 page (`vllm/v1/metrics/loggers.py`): both KV-cache names (the deprecated one
    /// reads 0.5 and must be ignored), two engines, counters with `_created`.
    func vllm(prompt: Double, generation: Double, preemptions: Double, ttft: [Double], created: Double = 1_700_000_000) -> String {
        let bounds = ["0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "+Inf"]
        var page = """
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} 12.0
        vllm:num_requests_running{engine="1",model_name="meta-llama/Llama-3.1-70B-Instruct"} 10.0
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} 3.0
        vllm:num_requests_waiting{engine="1",model_name="meta-llama/Llama-3.1-70B-Instruct"} 4.0
        # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
        # TYPE vllm:kv_cache_usage_perc gauge
        vllm:kv_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} 0.9
        vllm:kv_cache_usage_perc{engine="1",model_name="meta-llama/Llama-3.1-70B-Instruct"} 0.7
        # HELP vllm:gpu_cache_usage_perc GPU KV-cache usage. 1 means 100 percent usage. DEPRECATED: Use vllm:kv_cache_usage_perc instead.
        # TYPE vllm:gpu_cache_usage_perc gauge
        vllm:gpu_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} 0.5
        # HELP vllm:num_preemptions_total Cumulative number of preemption from the engine.
        # TYPE vllm:num_preemptions_total counter
        vllm:num_preemptions_total{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} \(preemptions)
        # HELP vllm:num_preemptions_created Cumulative number of preemption from the engine.
        # TYPE vllm:num_preemptions_created gauge
        vllm:num_preemptions_created{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} \(created)
        # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
        # TYPE vllm:prompt_tokens_total counter
        vllm:prompt_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} \(prompt)
        # HELP vllm:generation_tokens_total Number of generation tokens processed.
        # TYPE vllm:generation_tokens_total counter
        vllm:generation_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} \(generation)
        # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
        # TYPE vllm:prefix_cache_queries_total counter
        vllm:prefix_cache_queries_total{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} \(prompt)
        # HELP vllm:prefix_cache_hits_total Prefix cache hits, in terms of number of cached tokens.
        # TYPE vllm:prefix_cache_hits_total counter
        vllm:prefix_cache_hits_total{engine="0",model_name="meta-llama/Llama-3.1-70B-Instruct"} \(prompt / 4)
        # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
        # TYPE vllm:time_to_first_token_seconds histogram

        """
        for (b, v) in zip(bounds, ttft) {
            page += "vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"\(b)\",model_name=\"meta-llama/Llama-3.1-70B-Instruct\"} \(v)\n"
        }
        page += "vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"meta-llama/Llama-3.1-70B-Instruct\"} \(ttft.last!)\n"
        page += "vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"meta-llama/Llama-3.1-70B-Instruct\"} 12.5\n"
        return page
    }

    /// An SGLang page (`sglang/srt/metrics/collector.py`, docs/references/production_metrics.md).
    func sglang(generation: Double, itl: [Double]) -> String {
        let bounds = ["0.002", "0.004", "0.006", "0.008", "0.01", "0.015", "0.02", "0.025", "0.03", "+Inf"]
        var page = """
        # HELP sglang:prompt_tokens_total Number of prefill tokens processed.
        # TYPE sglang:prompt_tokens_total counter
        sglang:prompt_tokens_total{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"} 8.128902e+06
        # HELP sglang:generation_tokens_total Number of generation tokens processed.
        # TYPE sglang:generation_tokens_total counter
        sglang:generation_tokens_total{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"} \(generation)
        # HELP sglang:token_usage The token usage.
        # TYPE sglang:token_usage gauge
        sglang:token_usage{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"} 0.28
        # HELP sglang:cache_hit_rate The prefix cache hit rate.
        # TYPE sglang:cache_hit_rate gauge
        sglang:cache_hit_rate{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"} 0.007507552643049313
        # HELP sglang:num_running_reqs The number of running requests.
        # TYPE sglang:num_running_reqs gauge
        sglang:num_running_reqs{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"} 162.0
        # HELP sglang:num_queue_reqs The number of requests in the waiting queue.
        # TYPE sglang:num_queue_reqs gauge
        sglang:num_queue_reqs{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"} 2826.0
        # HELP sglang:inter_token_latency_seconds Histogram of inter-token latency in seconds.
        # TYPE sglang:inter_token_latency_seconds histogram

        """
        for (b, v) in zip(bounds, itl) {
            page += "sglang:inter_token_latency_seconds_bucket{le=\"\(b)\",model_name=\"deepseek-ai/DeepSeek-R1-Distill-Qwen-32B\"} \(v)\n"
        }
        return page
    }

    @Test func vllmGaugesAreReadUnderTheCurrentNamesOnly() throws {
        let d = digest(vllm(prompt: 1000, generation: 500, preemptions: 2, ttft: Array(repeating: 0, count: 15)), at: 100)
        let e = try #require(d.engine)
        #expect(e.engine == "vllm")
        #expect(e.running == 22)
        #expect(e.waiting == 7)
        #expect(e.kvCacheUsage == 0.8)  // the mean of 0.9 and 0.7; the deprecated 0.5 is not read
        #expect(e.counters.filter { $0.signal == .timeToFirstToken }.count == 15)
        // The `_created` gauge prometheus_client writes beside a counter is not a figure.
        #expect(e.counters.filter { $0.signal == .preemptions }.count == 1)
    }

    @Test func sglangNamesAreRead() throws {
        let e = try #require(digest(sglang(generation: 7.557572e+06, itl: Array(repeating: 1, count: 10)), at: 100).engine)
        #expect(e.engine == "sglang")
        #expect(e.running == 162)
        #expect(e.waiting == 2826)
        #expect(e.kvCacheUsage == 0.28)
        #expect(e.prefixCacheHitRatio == 0.007507552643049313)
        #expect(e.counters.contains { $0.signal == .generationTokens && $0.counter.point.value == 7.557572e+06 })
    }

    /// Two vLLM scrapes 10 s apart: token rates are increases over the span; the preemption
    /// counter was recreated in between (its `_created` changed, its value dropped), so its
    /// increase is its new value, as PromQL counts a reset. TTFT p95 equals histogram_quantile
    /// over the bucket increases, computed by hand.
    @Test func vllmRatesAcrossAResetAndTheTTFTQuantile() throws {
        var window = TrafficWindow(window: .infinity)
        let before: [Double] = [0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 60, 80, 90, 100, 100]
        let after: [Double] = [0, 0, 0, 0, 0, 0, 0, 10, 30, 60, 100, 140, 170, 200, 200]
        window.add(digest(vllm(prompt: 10_000, generation: 2_000, preemptions: 30, ttft: before), at: 100))
        window.add(digest(vllm(prompt: 19_000, generation: 4_500, preemptions: 5, ttft: after, created: 1_700_000_105), at: 110))
        var f = InferenceFigures()
        f.take(try #require(window.figures(.span)))
        #expect(f.promptTokensPerSecond == 900)
        #expect(f.generationTokensPerSecond == 250)
        #expect(f.preemptionsPerSecond == 0.5)
        #expect(f.prefixCacheHitRatio == 0.25)
        // Increases: 0.1:0, 0.25:10, 0.5:20, 0.75:40, 1:60, 2.5:80, 5:100, +Inf:100. p95 rank
        // 95 falls in (2.5, 5] holding 80..100: 2.5 + 2.5 × 15/20 = 4.375. p50: rank 50 in
        // (0.75, 1] holding 40..60: 0.75 + 0.25 × 10/20 = 0.875.
        #expect(abs(f.timeToFirstTokenP95! - 4.375) < 1e-12)
        #expect(abs(f.timeToFirstTokenP50! - 0.875) < 1e-12)
    }

    @Test func sglangInterTokenLatencyQuantile() throws {
        var window = TrafficWindow(window: .infinity)
        window.add(digest(sglang(generation: 1000, itl: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), at: 0))
        window.add(digest(sglang(generation: 2000, itl: [0, 100, 300, 600, 800, 900, 950, 1000, 1000, 1000]), at: 5))
        var f = InferenceFigures()
        f.take(try #require(window.figures(.span)))
        #expect(f.generationTokensPerSecond == 200)
        // p95: rank 950 is reached exactly at 0.02 (cumulative 950): 0.015 + 0.005 × 50/50.
        #expect(abs(f.interTokenLatencyP95! - 0.02) < 1e-12)
        // p50: rank 500 in (0.006, 0.008] holding 300..600: 0.006 + 0.002 × 200/300.
        #expect(abs(f.interTokenLatencyP50! - (0.006 + 0.002 * 200 / 300)) < 1e-12)
    }
}
