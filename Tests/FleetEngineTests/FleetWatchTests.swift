import Monitoring
import TestLanes
import Testing
@testable import FleetEngine

/// The pure fleet-watch machine: listing, polls within the concurrency limit, outcomes and
/// judgements, with time passed in.
@Suite(.lane(.compute)) struct FleetWatchTests {
    func state(concurrency: Int = 64) -> FleetWatchState {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 2, ready: 0, metrics: 5)
        settings.concurrency = concurrency
        return FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, discoveryInterval: 10, judgeInterval: 5, seed: 7)
    }

    let fleet = FleetInventory(chutes: [FleetInventory.Chute(name: "llm", instances: [.init(id: "a", baseURL: "http://a"), .init(id: "b", baseURL: "http://b")],
                                                             targetInstances: 2, minInstances: 1, maxInstances: 4)])

    func polls(_ commands: [FleetWatchCommand]) -> [PollTarget] {
        commands.compactMap { if case .poll(let t, _) = $0 { t } else { nil } }
    }

    /// Figures from a fleet-wide source are pictured as they arrive, not a judge interval later;
    /// a per-instance poll waits for the next judgement as before.
    @Test func aFleetWideAnswerIsJudgedAtOnce() {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 2, ready: 0, metrics: 30)
        var s = FleetWatchState(settings: settings, names: .standard, rules: [], judgeInterval: 30,
                                plan: ReadingPlan(fleetWide: [.health, .metrics]))
        _ = FleetWatch.update(&s, .tick(now: 1000))
        _ = FleetWatch.update(&s, .listed(fleet, at: 1000))
        let figures = ComputedFigures(time: 1001, span: 60, chutes: [.init(name: "llm", requestRate: 12)],
                                      instances: [.init(key: InstanceKey(chute: "llm", instance: "a"), requestRate: 12)])
        _ = FleetWatch.update(&s, .polled(.fleet(.metrics), .figures(figures), at: 1001.5))
        #expect(s.picture?.time == 1001.5 && s.picture?.chutes.first?.requestRate.value == 12)
        var direct = state()
        _ = FleetWatch.update(&direct, .tick(now: 1000))
        _ = FleetWatch.update(&direct, .listed(fleet, at: 1000))
        _ = FleetWatch.update(&direct, .polled(PollTarget(InstanceKey(chute: "llm", instance: "a"), .health), .report(HealthReport(status: .pass)), at: 1001))
        #expect(direct.picture == nil || direct.picture?.time != 1001)
    }

    /// While a fleet-wide source gets no answer its chutes go stale and their alerts are held:
    /// a firing alert is not resolved on no evidence, and no stale-data alert fires per
    /// instance (the banner says the source is failing).
    @Test func alertsAreHeldWhileTheFleetWideSourceIsFailing() {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 2, ready: 0, metrics: 5)
        var s = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, judgeInterval: 5,
                                plan: ReadingPlan(fleetWide: [.health, .metrics]))
        _ = FleetWatch.update(&s, .listed(fleet, at: 1000))
        let key = InstanceKey(chute: "llm", instance: "a")
        let failing = ComputedFigures(time: 1000, span: 60, chutes: [.init(name: "llm", requestRate: 10, errorRatio: 0.5)],
                                      instances: [.init(key: key, requestRate: 10, errorRatio: 0.5,
                                                        breakers: [BreakerReading(name: "db", state: .open, failureRate: nil)])])
        _ = FleetWatch.update(&s, .polled(.fleet(.metrics), .figures(failing), at: 1000))
        #expect(s.alerts.alerts.values.contains { $0.rule == "breaker-open" && $0.state == .firing })
        for t in stride(from: 1005.0, through: 1060, by: 5) {
            _ = FleetWatch.update(&s, .polled(.fleet(.metrics), .failed("Prometheus at http://p: connection refused"), at: t))
            FleetWatch.judge(&s, now: t)
        }
        #expect(s.alerts.alerts.values.contains { $0.rule == "breaker-open" && $0.state == .firing }, "held, not resolved")
        #expect(!s.alerts.alerts.values.contains { $0.rule == "stale-data" && $0.state == .firing })
        #expect(s.readModel.sourceProblems.first?.partial == false)
        #expect(s.readModel.rulesHeld == "the source is failing (metrics): Prometheus at http://p: connection refused")
        _ = FleetWatch.update(&s, .polled(.fleet(.metrics), .figures(failing), at: 1065))
        #expect(s.readModel.rulesHeld == nil, "judged again once the source answers")
    }

    @Test func theFirstTickListsTheFleetAndPollsNothingYet() {
        var s = state()
        let commands = FleetWatch.update(&s, .tick(now: 100))
        #expect(commands.count == 1)
        guard case .list = commands.first else { Issue.record("expected a listing"); return }
        #expect(FleetWatch.update(&s, .tick(now: 100.5)).isEmpty)  // listing in flight: not again
    }

    @Test func listedInstancesArePolledOnceDueAndNeverTwiceAtOnce() {
        var s = state()
        _ = FleetWatch.update(&s, .tick(now: 100))
        _ = FleetWatch.update(&s, .listed(fleet, at: 100))
        let first = polls(FleetWatch.update(&s, .tick(now: 101.1)))
        #expect(Set(first) == [PollTarget(InstanceKey(chute: "llm", instance: "a"), .health), PollTarget(InstanceKey(chute: "llm", instance: "a"), .metrics),
                               PollTarget(InstanceKey(chute: "llm", instance: "b"), .health), PollTarget(InstanceKey(chute: "llm", instance: "b"), .metrics)])
        #expect(polls(FleetWatch.update(&s, .tick(now: 109))).isEmpty)
    }

    @Test func theConcurrencyLimitHoldsAndAFinishedPollFreesASlot() {
        var s = state(concurrency: 3)
        _ = FleetWatch.update(&s, .tick(now: 100))
        _ = FleetWatch.update(&s, .listed(fleet, at: 100))
        let started = polls(FleetWatch.update(&s, .tick(now: 101.1)))
        #expect(started.count == 3)
        let next = polls(FleetWatch.update(&s, .polled(started[0], .failed("connection refused"), at: 101.2)))
        #expect(next.count == 1)
        #expect(!started.contains(next[0]))
        #expect(s.failedPolls == 1)
    }

    @Test func outcomesAreJudgedIntoAPictureWithPollBreakers() {
        var s = state()
        _ = FleetWatch.update(&s, .tick(now: 100))
        _ = FleetWatch.update(&s, .listed(fleet, at: 100))
        let started = polls(FleetWatch.update(&s, .tick(now: 101.1)))
        for t in started {
            let outcome: SourceReading = t.instance?.instance == "a"
                ? (t.kind == .health ? .report(HealthReport(status: .pass)) : .scrape(ScrapeDigest(time: 101.2)))
                : .failed("connection refused")
            _ = FleetWatch.update(&s, .polled(t, outcome, at: 101.2))
        }
        #expect(s.scrapes == 1)
        _ = FleetWatch.update(&s, .tick(now: 105.5))
        let picture = try! #require(s.picture)
        let b = picture.chutes[0].instances.first { $0.id == "b" }!
        #expect(b.metrics.error == "connection refused")
        #expect(b.metrics.pollBreaker == .closed)  // one failure: still closed (threshold 3)
        #expect(picture.chutes[0].instances.first { $0.id == "a" }!.health.status == .pass)
        #expect(s.alerts.alerts.keys.contains("target-down@llm/b"))
        #expect(FleetWatch.nextWake(s)! > 105.5)
    }
}
