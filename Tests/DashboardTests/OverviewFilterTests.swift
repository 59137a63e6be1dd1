import Monitoring
import TestLanes
import Testing
@testable import Dashboard

/// The overview's filter language and ordering, on hand-made fleet pictures.
@Suite(.lane(.compute)) struct OverviewFilterTests {
    func chute(_ name: String, rps: Double?, err: Double?, gpu: Double?, p95: Double?, ready: Int = 1, breaker: BreakerState? = nil,
               metricsError: String? = nil) -> FleetPicture.Chute {
        let ok = FleetPicture.Probe(status: .pass, ageSeconds: 1, stale: false, error: nil, errorAgeSeconds: nil, consecutiveFailures: 0, pollBreaker: nil)
        var metrics = ok
        metrics.error = metricsError
        var g = GPUSummary([])
        g.meanUtilization = gpu
        return FleetPicture.Chute(
            name: name, counts: .init(current: 2, ready: ready, target: 2, min: 1, max: 4),
            requestRate: Figure(rps, age: 1), errorRatio: Figure(err, age: 1), p50: .none, p95: Figure(p95, age: 1), p99: .none,
            rateFrom: nil, rateTo: nil, gpu: gpu == nil ? nil : g, controlError: nil,
            instances: [FleetPicture.Instance(id: "i-1", baseURL: nil, phase: nil, health: ok, ready: ok, metrics: metrics, healthFlaps: 0,
                                              requestRate: .none, errorRatio: .none, gpu: nil,
                                              breakers: breaker.map { [FleetPicture.Breaker(name: "db", state: $0, failureRate: nil)] } ?? [],
                                              skippedLines: 0)])
    }

    var fleet: [FleetPicture.Chute] {
        [chute("llama-3.1-70b-instruct", rps: 90, err: 0.002, gpu: 97, p95: 9.3, breaker: .closed),
         chute("bge-m3", rps: 300, err: 0.03, gpu: 15, p95: 0.066),
         chute("flux.1-schnell", rps: 2, err: nil, gpu: nil, p95: nil, ready: 0, breaker: .open, metricsError: "connection refused"),
         chute("whisper-large-v3", rps: 17, err: 0, gpu: 100, p95: 3.4, breaker: .halfOpen)]
    }

    func names(_ text: String, _ order: OverviewOrder = OverviewOrder()) throws -> [String] {
        var o = order
        o.filter = try FleetFilter(parsing: text)
        return o.apply(fleet).map(\.name)
    }

    @Test func substringsAndNegation() throws {
        #expect(try names("") == ["bge-m3", "flux.1-schnell", "llama-3.1-70b-instruct", "whisper-large-v3"])
        #expect(try names("LLAMA") == ["llama-3.1-70b-instruct"])
        #expect(try names("!l") == ["bge-m3"])
    }

    @Test func fieldComparisons() throws {
        #expect(try names("err>1") == ["bge-m3"])               // percent: 3 % > 1
        #expect(try names("gpu>90") == ["llama-3.1-70b-instruct", "whisper-large-v3"])
        #expect(try names("gpu>=100") == ["whisper-large-v3"])
        #expect(try names("p95>2s") == ["llama-3.1-70b-instruct", "whisper-large-v3"])
        #expect(try names("p95<100ms") == ["bge-m3"])
        #expect(try names("rps<5") == ["flux.1-schnell"])
        #expect(try names("ready<1") == ["flux.1-schnell"])
        #expect(try names("breaker=open") == ["flux.1-schnell"])
        #expect(try names("breaker=half-open") == ["whisper-large-v3"])
        let mixed = try names("breaker!=open gpu>90 r")
        #expect(mixed == ["llama-3.1-70b-instruct", "whisper-large-v3"], "\(mixed)")
        #expect(try names("name=bge-m3") == ["bge-m3"])
        // Unknown figures never satisfy a comparison.
        #expect(try names("err<100") == ["bge-m3", "llama-3.1-70b-instruct", "whisper-large-v3"])
    }

    @Test func mistakesAreExplained() {
        #expect(throws: FleetFilter.Problem(term: "gpx>9", message: "unknown field 'gpx'", suggestion: "gpu")) { try FleetFilter(parsing: "gpx>9") }
        #expect(throws: FleetFilter.Problem(term: "err>lots", message: "'lots' is not a number")) { try FleetFilter(parsing: "err>lots") }
        #expect(throws: FleetFilter.Problem(term: "breaker=opn", message: "unknown breaker state 'opn'", suggestion: "open")) { try FleetFilter(parsing: "breaker=opn") }
        #expect(throws: FleetFilter.Problem(term: "breaker>1", message: "breaker takes = or !=")) { try FleetFilter(parsing: "breaker>1") }
        #expect(throws: FleetFilter.Problem(term: "err>", message: "no value after >")) { try FleetFilter(parsing: "err>") }
    }

    @Test func sortingFlipsOnTheSameColumnAndPutsUnknownsLast() {
        var o = OverviewOrder()
        o.sort(by: .gpu)
        #expect(o.descending)
        #expect(o.apply(fleet).map(\.name) == ["whisper-large-v3", "llama-3.1-70b-instruct", "bge-m3", "flux.1-schnell"])
        o.sort(by: .gpu)
        #expect(o.apply(fleet).map(\.name) == ["bge-m3", "llama-3.1-70b-instruct", "whisper-large-v3", "flux.1-schnell"])
        o.sort(by: .name)
        #expect(!o.descending)
        o.sort(by: .name)
        #expect(o.apply(fleet).first?.name == "whisper-large-v3")
        o.sort(by: .breakers)
        #expect(o.apply(fleet).first?.name == "flux.1-schnell")
    }

    @Test func faultedOnlyKeepsChutesWithAlertsErrorsOrOpenBreakers() {
        var o = OverviewOrder()
        o.faultedOnly = true
        #expect(o.apply(fleet).map(\.name) == ["flux.1-schnell"])
        let alert = Alert(id: "error-ratio@bge-m3", rule: "error-ratio", severity: .critical, chute: "bge-m3", instance: nil, state: .firing,
                          since: 0, summary: "", acknowledged: false)
        #expect(o.apply(fleet, firingAlerts: [alert]).map(\.name) == ["bge-m3", "flux.1-schnell"])
    }

    /// `kv>=90` judges the fullest instance, as the verdict and the kv-cache alert do: a chute
    /// with one full instance beside starting ones is not "25 %" (a newcomer's review).
    @Test func kvFiltersOnTheFullestInstance() throws {
        var full = chute("llama-3.1-70b-instruct", rps: 90, err: 0, gpu: 25, p95: 9)
        full.inference = InferenceFigures(engine: "vllm", waiting: 40, kvCacheUsage: 0.25, kvCacheUsageMax: 0.99)
        var calm = chute("qwen2.5-coder-32b-instruct", rps: 10, err: 0, gpu: 20, p95: 1)
        calm.inference = InferenceFigures(engine: "vllm", waiting: 0, kvCacheUsage: 0.3, kvCacheUsageMax: 0.35)
        var o = OverviewOrder()
        o.filter = try FleetFilter(parsing: "kv>=90")
        #expect(o.apply([full, calm]).map(\.name) == ["llama-3.1-70b-instruct"])
    }
}

