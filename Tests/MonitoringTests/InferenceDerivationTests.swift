import TestLanes
import Testing
@testable import Monitoring

/// The engine derivations on hand-built digests: counter rates with resets are PromQL's, TTFT
/// and inter-token quantiles are histogram_quantile's, a chute sums its instances, and the
/// saturation verdict names the cause.
@Suite(.lane(.compute)) struct InferenceDerivationTests {
    func digest(at t: Double, generation: Double, ttft: [(Double, Double)], waiting: Double = 0, kv: Double = 0.5) -> ScrapeDigest {
        let series = [Label("model_name", "m")]
        var counters = [EngineDigest.Counter(signal: .generationTokens,
                                             counter: ScrapeDigest.Counter(series: series, point: CounterPoint(time: t, value: generation)))]
        for (bound, count) in ttft {
            counters.append(EngineDigest.Counter(signal: .timeToFirstToken,
                                                 counter: ScrapeDigest.Counter(series: series, point: CounterPoint(time: t, value: count)),
                                                 upperBound: bound))
        }
        return ScrapeDigest(time: t, engine: EngineDigest(engine: "vllm", running: 4, waiting: waiting, kvCacheUsage: kv, counters: counters))
    }

    /// rate() over [0, 30] of 0, 600, 100 (reset), 700 at 0/10/20/30 s: increase 600 + 100 +
    /// 600 = 1300 over 30 s.
    @Test func tokenRateCorrectsResets() throws {
        var w = TrafficWindow(window: 60)
        for (t, v) in [(0.0, 0.0), (10, 600), (20, 100), (30, 700)] { w.add(digest(at: t, generation: v, ttft: [])) }
        let f = try #require(w.figures(.window(30)))
        let expected = try #require(CounterRate.rate([0, 600, 100, 700].enumerated().map { CounterPoint(time: Double($0.offset) * 10, value: $0.element) },
                                                     rangeStart: 0, rangeEnd: 30))
        #expect(abs(f.engineRates[.generationTokens]! - expected) < 1e-12)
        #expect(abs(f.engineRates[.generationTokens]! - 1300.0 / 30) < 1e-9)
    }

    /// The quantile of summed bucket rates is histogram_quantile over those rates.
    @Test func ttftQuantileIsHistogramQuantile() throws {
        var w = TrafficWindow(window: .infinity)
        w.add(digest(at: 0, generation: 0, ttft: [(0.5, 0), (1, 0), (2.5, 0), (.infinity, 0)]))
        w.add(digest(at: 10, generation: 10, ttft: [(0.5, 30), (1, 70), (2.5, 95), (.infinity, 100)]))
        let f = try #require(w.figures(.span))
        let rates = [(upperBound: 0.5, count: 3.0), (upperBound: 1, count: 7), (upperBound: 2.5, count: 9.5), (upperBound: .infinity, count: 10)]
        for q in [0.5, 0.95, 0.99] {
            #expect(f.engineQuantile(.timeToFirstToken, q) == HistogramQuantile.quantile(q, rates))
        }
        #expect(f.engineQuantile(.timeToFirstToken, 0.95) == 2.5)
        #expect(f.engineQuantile(.interTokenLatency, 0.95) == nil)  // not exposed: unknown, not 0
    }

    @Test func chuteSumsQueuesAndAveragesTheKVCache() throws {
        let a = InferenceFigures(engine: "vllm", running: 10, waiting: 4, kvCacheUsage: 0.5, generationTokensPerSecond: 100, ageSeconds: 1)
        let b = InferenceFigures(engine: "vllm", running: 6, waiting: 2, kvCacheUsage: 0.9, generationTokensPerSecond: 50, ageSeconds: 3)
        let c = try #require(InferenceFigures.chute([a, b]))
        #expect(c.running == 16 && c.waiting == 6 && c.generationTokensPerSecond == 150)
        #expect(abs(c.kvCacheUsage! - 0.7) < 1e-12)
        #expect(c.kvCacheUsageMax == 0.9)
        #expect(c.ageSeconds == 3)
        #expect(c.timeToFirstTokenP95 == nil)
    }

    @Test func verdictNamesTheCause() {
        let counts = FleetPicture.Counts(current: 4, ready: 4, target: 4, min: 1, max: 4)
        let full = InferenceFigures(running: 60, waiting: 42, kvCacheUsage: 0.97, generationTokensPerSecond: 900, preemptionsPerSecond: 3)
        let v = SaturationVerdict.judge(full, gpuMeanUtilization: 98, counts: counts)
        #expect(v?.kind == .kvCache)
        #expect(v?.text == "KV cache full (97 %), 42 waiting, preempting 3.0/s: scale out or lower max context")
        let queue = InferenceFigures(running: 32, waiting: 30, kvCacheUsage: 0.6, generationTokensPerSecond: 500)
        #expect(SaturationVerdict.judge(queue, gpuMeanUtilization: 90, counts: counts)?.kind == .queue)
        let stuck = InferenceFigures(running: 0, waiting: 30, kvCacheUsage: 0.1, generationTokensPerSecond: 0)
        #expect(SaturationVerdict.judge(stuck, gpuMeanUtilization: 2, counts: counts)?.text.hasPrefix("GPU idle (2 %) while 30 wait") == true)
        let loading = FleetPicture.Counts(current: 4, ready: 2, target: 4, min: 1, max: 4)
        let waiting = InferenceFigures(running: 8, waiting: 3, kvCacheUsage: 0.5, generationTokensPerSecond: 300)
        #expect(SaturationVerdict.judge(waiting, gpuMeanUtilization: 60, counts: loading)?.text == "cold start: 2 of 4 instances loading, 3 waiting")
        #expect(SaturationVerdict.judge(waiting, gpuMeanUtilization: 60, counts: loading, starting: 1)?.text == "cold start: 1 of 4 instances loading, 3 waiting")
        // Up but not ready (a dependency down), none starting: not a cold start (a review found
        // llama "loading" while its database was down).
        let down = FleetPicture.Counts(current: 2, ready: 0, target: 2, min: 1, max: 8)
        let serving = InferenceFigures(running: 116, waiting: 0, kvCacheUsage: 0.3, generationTokensPerSecond: 200)
        #expect(SaturationVerdict.judge(serving, gpuMeanUtilization: 68, counts: down, starting: 0) == nil)
        #expect(SaturationVerdict.judge(serving, gpuMeanUtilization: 68, counts: down)?.kind == .coldStart, "without phases, not ready is read as loading")
        let idle = InferenceFigures(running: 3, waiting: 0, kvCacheUsage: 0.3, generationTokensPerSecond: 200)
        #expect(SaturationVerdict.judge(idle, gpuMeanUtilization: 40, counts: counts) == nil)
        #expect(SaturationVerdict.judge(nil, gpuMeanUtilization: 99, counts: counts) == nil)
    }

    /// The picture of one scraped instance carries its engine figures with their age, and the
    /// chute's verdict.
    @Test func pictureCarriesEngineFiguresAndVerdict() throws {
        var o = FleetObservations(intervals: ProbeIntervals(), rateRange: .span)
        o.update(FleetInventory(chutes: [FleetInventory.Chute(name: "llama", instances: [FleetInventory.Instance(id: "i-1")])]))
        let key = InstanceKey(chute: "llama", instance: "i-1")
        o.record(.scrape(digest(at: 100, generation: 0, ttft: [(1, 0), (.infinity, 0)], waiting: 40, kv: 0.98)), kind: .metrics, for: key, at: 100)
        o.record(.scrape(digest(at: 105, generation: 500, ttft: [(1, 10), (.infinity, 10)], waiting: 42, kv: 0.98)), kind: .metrics, for: key, at: 105)
        let c = try #require(o.picture(at: 106).chutes.first)
        let e = try #require(c.inference)
        #expect(e.waiting == 42 && e.kvCacheUsage == 0.98 && e.generationTokensPerSecond == 100)
        #expect(e.ageSeconds == 1)
        #expect(c.instances.first?.inference?.waiting == 42)
        #expect(c.saturation?.kind == .kvCache)
    }
}
