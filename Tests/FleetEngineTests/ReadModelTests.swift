import Foundation
import Monitoring
import TestLanes
import Testing
@testable import FleetEngine

/// What views read: GPU figures only while fresh and with their age, fleet-wide figures from a
/// source that computes them, the typed event log, and a session that replays to the same
/// judgement from its recorded messages.
@Suite(.lane(.compute)) struct ReadModelTests {
    let a = InstanceKey(chute: "llm", instance: "a"), b = InstanceKey(chute: "llm", instance: "b")

    func state(plan: ReadingPlan = .everyInstance, rules: [AlertRule] = AlertRule.defaults) -> FleetWatchState {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 2, ready: 0, metrics: 5)
        return FleetWatchState(settings: settings, names: .standard, rules: rules, discoveryInterval: 10, judgeInterval: 5, seed: 7, plan: plan)
    }

    func fleet(target: Int = 2, instances: [String] = ["a", "b"]) -> FleetInventory {
        FleetInventory(chutes: [FleetInventory.Chute(name: "llm", instances: instances.map { .init(id: $0, baseURL: "http://\($0)") },
                                                     targetInstances: target, minInstances: 1, maxInstances: 4)])
    }

    func scrape(_ t: Double, requests: Double = 100, utilization: Double = 80, breaker: BreakerState = .closed) -> SourceReading {
        .scrape(ScrapeDigest(time: t,
                             requests: [.init(counter: .init(series: [Label("code", "200")], point: CounterPoint(time: t, value: requests)), serverError: false)],
                             gpus: [GPUReading(id: "GPU-1", model: "H100", utilization: utilization, memoryUsedBytes: 1e9, memoryTotalBytes: 8e10)],
                             breakers: [BreakerReading(name: "db", state: breaker)]))
    }

    // MARK: the stale-GPU bypass (#12): a stale reading was shown as live, without its age

    @Test func aStaleGPUReadingIsNotShownAsLive() throws {
        var s = state()
        _ = FleetWatch.update(&s, .listed(fleet(), at: 100))
        _ = FleetWatch.update(&s, .polled(PollTarget(a, .metrics), scrape(100), at: 100))
        FleetWatch.judge(&s, now: 101)
        var model = s.readModel
        var i = try #require(model.instance(a))
        #expect(i.gpus.count == 1)
        #expect(i.gpu?.ageSeconds == 1)
        #expect(model.chute("llm")?.gpu?.ageSeconds == 1)
        #expect(model.totals.gpus == 1 && model.totals.busyGPUs == 1)

        // Three metrics intervals without a scrape: the reading is stale.
        FleetWatch.judge(&s, now: 120)
        model = s.readModel
        i = try #require(model.instance(a))
        #expect(i.metrics.stale)
        #expect(i.gpus.isEmpty)
        #expect(i.gpu == nil)
        #expect(model.chute("llm")?.gpu == nil)
        #expect(model.totals.gpus == 0, "the banner counted a stale GPU as live")
        #expect(model.totals.busyGPUs == nil, "no GPU reading: busy is unknown, not 0")
    }

    // MARK: fleet-wide readings (what a Prometheus source will answer)

    @Test func aFleetWidePlanPollsOnceForTheFleetAndItsFiguresArePictured() throws {
        var s = state(plan: ReadingPlan(perInstance: [.health], fleetWide: [.metrics]))
        _ = FleetWatch.update(&s, .tick(now: 100))
        _ = FleetWatch.update(&s, .listed(fleet(), at: 100))
        let targets = FleetWatch.update(&s, .tick(now: 102)).compactMap { c -> PollTarget? in if case .poll(let t, _) = c { t } else { nil } }
        #expect(Set(targets) == [.fleet(.metrics), PollTarget(a, .health), PollTarget(b, .health)])
        let figures = ComputedFigures(time: 101.5, span: 60,
                                      chutes: [.init(name: "llm", requestRate: 12, errorRatio: 0.01, p50: 0.1, p95: 0.3, p99: nil)],
                                      instances: [.init(key: a, requestRate: 6, errorRatio: 0, gpus: [GPUReading(id: "g", utilization: 50)],
                                                        breakers: [BreakerReading(name: "db", state: .open)])])
        _ = FleetWatch.update(&s, .polled(.fleet(.metrics), .figures(figures), at: 102))
        FleetWatch.judge(&s, now: 103)
        let c = try #require(s.readModel.chute("llm"))
        #expect(c.requestRate.value == 12 && c.requestRate.ageSeconds == 1.5)
        #expect(c.p95.value == 0.3 && c.p99.value == nil)
        #expect(c.rateFrom == 41.5 && c.rateTo == 101.5)
        let ia = try #require(c.instances.first { $0.id == "a" }), ib = try #require(c.instances.first { $0.id == "b" })
        #expect(ia.requestRate.value == 6 && ia.gpus.count == 1 && ia.breakers.first?.state == .open)
        #expect(ib.requestRate.value == nil, "an instance the source did not name is unknown, not 0")
        #expect(s.alerts.alerts["breaker-open@llm/a"] != nil)
    }

    @Test func aFailedFleetWideReadingIsTheSourcesProblemNotAVerdictOnEveryInstance() throws {
        var s = state(plan: ReadingPlan(fleetWide: [.metrics, .health]))
        _ = FleetWatch.update(&s, .listed(fleet(), at: 100))
        _ = FleetWatch.update(&s, .tick(now: 102))
        _ = FleetWatch.update(&s, .polled(.fleet(.health), .failed("HTTP 503"), at: 102))
        _ = FleetWatch.update(&s, .polled(.fleet(.health), .failed("connection refused"), at: 104))
        FleetWatch.judge(&s, now: 105)
        let c = try #require(s.readModel.chute("llm"))
        #expect(c.instances.allSatisfy { $0.health.error == nil && $0.health.status == nil }, "could not see is not down")
        #expect(s.alerts.alerts.keys.filter { $0.hasPrefix("target-down") }.isEmpty)
        #expect(s.readModel.sourceProblems.map(\.kind) == [.health])
        #expect(s.readModel.sourceProblems.first?.error == "connection refused" && s.readModel.sourceProblems.first?.since == 102)
        // The next good answer clears it, and the verdicts it carries are recorded.
        let up = ComputedFigures(time: 106, span: 0, instances: [.init(key: a, health: HealthReport(status: .pass)), .init(key: b, health: HealthReport(status: .fail))])
        _ = FleetWatch.update(&s, .polled(.fleet(.health), .figures(up), at: 106))
        FleetWatch.judge(&s, now: 107)
        #expect(s.readModel.sourceProblems.isEmpty)
        #expect(s.readModel.instance(a)?.health.status == .pass && s.readModel.instance(b)?.health.status == .fail)
    }

    /// A plan that reads no readiness is not judged not ready (the default intervals ask for it).
    @Test func readinessIsJudgedOnlyWhenThePlanReadsIt() throws {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals()  // health 2, ready 2, metrics 5
        var s = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, judgeInterval: 5, seed: 7,
                                plan: ReadingPlan(fleetWide: [.metrics, .health]))
        _ = FleetWatch.update(&s, .listed(fleet(), at: 100))
        let up = ComputedFigures(time: 101, span: 0, instances: [.init(key: a, health: HealthReport(status: .pass)), .init(key: b, health: HealthReport(status: .pass))])
        _ = FleetWatch.update(&s, .polled(.fleet(.health), .figures(up), at: 101))
        FleetWatch.judge(&s, now: 102)
        let c = try #require(s.readModel.chute("llm"))
        #expect(c.counts.ready == 2)
        #expect(c.instances.allSatisfy { $0.ready.status == nil && !$0.ready.stale })
        FleetWatch.judge(&s, now: 200)
        #expect(s.alerts.alerts.keys.filter { $0.hasPrefix("not-ready") }.isEmpty)
    }

    /// A storm of events in one chute does not push another chute's events out of its view.
    @Test func eachChuteKeepsItsOwnRecentEvents() {
        var timeline = FleetTimeline()
        timeline.record(FleetEvent(time: 1, chute: "quiet", kind: .targetChanged(from: 1, to: 2)))
        for k in 0..<5_000 {
            timeline.record(FleetEvent(time: 2 + Double(k), chute: "busy", instance: "i-\(k)", kind: .health(probe: .health, from: .pass, to: .fail)))
        }
        #expect(timeline.events(of: "quiet").map(\.kind) == [.targetChanged(from: 1, to: 2)])
        #expect(timeline.events(of: "busy").count == FleetTimeline.chuteEventsKept)
        #expect(timeline.events(of: "busy").first?.time == 5_001)  // newest first
        #expect(timeline.events.count == FleetTimeline.eventsKept)
        #expect(timeline.events.last?.time == 5_001)
    }

    // MARK: the typed event log

    @Test func changesBecomeTypedEvents() throws {
        var s = state()
        _ = FleetWatch.update(&s, .listed(fleet(), at: 100))
        _ = FleetWatch.update(&s, .polled(PollTarget(a, .metrics), scrape(100, requests: 500), at: 100))
        _ = FleetWatch.update(&s, .polled(PollTarget(a, .health), .report(HealthReport(status: .pass)), at: 100))
        FleetWatch.judge(&s, now: 101)
        #expect(s.timeline.events.isEmpty, "the first judgement is the baseline, not a change: \(s.timeline.events)")

        // The breaker opens, the counters go back (a restart), health fails, the target moves and an instance appears.
        _ = FleetWatch.update(&s, .listed(fleet(target: 3, instances: ["a", "b", "c"]), at: 104))
        _ = FleetWatch.update(&s, .polled(PollTarget(a, .metrics), scrape(105, requests: 3, breaker: .open), at: 105))
        _ = FleetWatch.update(&s, .polled(PollTarget(a, .health), .report(HealthReport(status: .fail)), at: 105))
        FleetWatch.judge(&s, now: 106)
        let kinds = s.timeline.events.map(\.kind)
        #expect(kinds.contains(.breaker(name: "db", from: .closed, to: .open)))
        #expect(kinds.contains(.instanceRestarted))
        #expect(kinds.contains(.health(probe: .health, from: .pass, to: .fail)))
        #expect(kinds.contains(.targetChanged(from: 2, to: 3)))
        #expect(kinds.contains(.instanceAppeared))
        let fired = s.timeline.events.first { if case .alert(_, "breaker-open", _, .firing, _) = $0.kind { true } else { false } }
        #expect(fired?.instance == "a" && fired?.time == 106)
        let restart = s.timeline.events.first { $0.kind == .instanceRestarted }
        #expect(restart?.chute == "llm" && restart?.instance == "a")
    }

    // MARK: the recordable boundary

    @Test func recordedMessagesReplayToTheSameJudgement() throws {
        var messages: [FleetWatchMessage] = [.tick(now: 100), .listed(fleet(), at: 100)]
        for k in 0..<6 {
            let t = 101 + Double(k) * 5
            messages.append(.polled(PollTarget(a, .metrics), scrape(t, requests: 100 + Double(k) * 50, utilization: 40 + Double(k)), at: t))
            messages.append(.polled(PollTarget(b, .metrics), .failed("connection refused"), at: t))
            messages.append(.polled(PollTarget(a, .health), .report(HealthReport(status: k == 3 ? .warn : .pass, checks: [HealthCheck(name: "db", status: .pass)])), at: t))
            messages.append(.tick(now: t + 0.5))
        }
        messages.append(.alertHandled(id: "target-down@llm/b", acknowledged: true, snoozedUntil: nil, note: "known: node drained", at: 131))
        messages.append(.noted(FleetEvent(time: 132, chute: "llm", kind: .action(name: "scale", succeeded: true, detail: "HTTP 202"))))
        let encoder = SessionCoding.encoder(), decoder = SessionCoding.decoder()
        let recorded = try messages.map { try encoder.encode($0) }
        let replayed = try recorded.map { try decoder.decode(FleetWatchMessage.self, from: $0) }
        #expect(replayed == messages)
        #expect(try replayed.map { try encoder.encode($0) } == recorded, "the same message is the same bytes")

        var live = state(), replay = state()
        var liveCommands: [FleetWatchCommand] = [], replayCommands: [FleetWatchCommand] = []
        for m in messages { liveCommands += FleetWatch.update(&live, m) }
        for m in replayed { replayCommands += FleetWatch.update(&replay, m) }
        #expect(liveCommands == replayCommands)
        let picture = try #require(live.picture)
        #expect(replay.picture == picture)
        #expect(replay.alerts.sorted == live.alerts.sorted)
        #expect(replay.timeline.events == live.timeline.events)
        #expect(live.alerts.alerts["target-down@llm/b"]?.acknowledged == true, "\(live.alerts.alerts.keys)")
        #expect(live.timeline.events.contains { $0.kind == .alertHandled(id: "target-down@llm/b", acknowledged: true, snoozedUntil: nil, note: "known: node drained") })
        #expect(picture.chutes[0].instances.first { $0.id == "a" }?.requestRate.value != nil)
    }
}
