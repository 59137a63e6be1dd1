import TestLanes
import Testing
@testable import Monitoring

/// Alerts an on-call engineer keeps enabled: a cold start or a drain is not a readiness
/// incident, a cold start longer than expected is; every line names its instance; a flapping
/// condition is held by its rule's `for` both ways.
@Suite(.lane(.compute)) struct AlertNoiseTests {
    static let pass = FleetPicture.Probe(status: .pass, ageSeconds: 0, stale: false, error: nil, errorAgeSeconds: nil,
                                          consecutiveFailures: 0, pollBreaker: nil)
    static let failing = FleetPicture.Probe(status: .fail, ageSeconds: 0, stale: false, error: "HTTP 503", errorAgeSeconds: 0,
                                             consecutiveFailures: 1, pollBreaker: nil)

    func instance(_ id: String, phase: String?, ready: FleetPicture.Probe, coldStart: Double? = nil) -> FleetPicture.Instance {
        FleetPicture.Instance(id: id, baseURL: nil, phase: phase, health: Self.pass, ready: ready, metrics: Self.pass, healthFlaps: 0,
                              requestRate: .none, errorRatio: .none, gpu: nil, breakers: [], skippedLines: 0, coldStartSeconds: coldStart)
    }

    func picture(_ time: Double, _ instances: [FleetPicture.Instance]) -> FleetPicture {
        FleetPicture(time: time, chutes: [FleetPicture.Chute(
            name: "llm", counts: .init(current: instances.count, ready: 1, target: instances.count, min: 1, max: 8),
            requestRate: .none, errorRatio: .none, p50: .none, p95: .none, p99: .none, rateFrom: nil, rateTo: nil, gpu: nil,
            controlError: nil, instances: instances)])
    }

    @Test func startingAndDrainingInstancesDoNotFireReadinessAlerts() {
        var book = AlertBook(rules: AlertRule.defaults)
        let instances = [instance("i-1", phase: "ready", ready: Self.pass),
                         instance("i-2", phase: "starting", ready: Self.failing, coldStart: 30),
                         instance("i-3", phase: "draining", ready: Self.failing),
                         instance("i-4", phase: "ready", ready: Self.failing)]
        for t in stride(from: 0.0, through: 300, by: 5) { book.evaluate(picture(t, instances)) }
        let firing = book.alerts.values.filter { $0.state == .firing }.map(\.id).sorted()
        #expect(firing == ["not-ready@llm/i-4"], "\(firing)")
    }

    @Test func aColdStartLongerThanExpectedFiresNamingItsInstance() throws {
        var book = AlertBook(rules: [AlertRule(name: "cold-start-slow", condition: .coldStartAbove(240), forSeconds: 0, severity: .warning)])
        book.evaluate(picture(0, [instance("i-2", phase: "starting", ready: Self.failing, coldStart: 200)]))
        #expect(book.alerts.isEmpty)
        book.evaluate(picture(60, [instance("i-2", phase: "starting", ready: Self.failing, coldStart: 260)]))
        let alert = try #require(book.alerts["cold-start-slow@llm/i-2"])
        #expect(alert.state == .firing)
        #expect(alert.summary == "i-2: cold start 4m 20s > expected 4m")
        #expect(AlertRule.defaults.contains { $0.name == "cold-start-slow" && $0.condition == .coldStartAbove(600) })
    }

    @Test func everyInstanceAlertNamesItsInstanceInItsSummary() {
        var book = AlertBook(rules: AlertRule.defaults)
        book.evaluate(picture(0, [instance("i-7", phase: "ready", ready: Self.failing)]), ignoreFor: true)
        let summaries = book.alerts.values.filter { $0.instance != nil }.map(\.summary)
        #expect(!summaries.isEmpty)
        #expect(summaries.allSatisfy { $0.hasPrefix("i-7: ") }, "\(summaries)")
    }

    @Test func aFlappingConditionIsHeldByItsForBothWays() {
        var book = AlertBook(rules: [AlertRule(name: "not-ready", condition: .notReady, forSeconds: 60, severity: .warning)])
        // Fails 20 s, passes 10 s, over and over: a crash loop's readiness.
        var states: [Alert.State?] = []
        for t in stride(from: 0.0, through: 300, by: 5) {
            let failing = t.truncatingRemainder(dividingBy: 30) < 20
            book.evaluate(picture(t, [instance("i-1", phase: "ready", ready: failing ? Self.failing : Self.pass)]))
            states.append(book.alerts["not-ready@llm/i-1"]?.state)
        }
        // The gaps do not restart its clock: it fires once, after 60 s of flapping, and stays
        // firing through the gaps (no fire-resolve storm).
        #expect(states.prefix(12).allSatisfy { $0 == .pending }, "\(states)")
        #expect(states.dropFirst(12).allSatisfy { $0 == .firing }, "\(states)")
        // Once clear for its `for`, it resolves.
        book.evaluate(picture(305, [instance("i-1", phase: "ready", ready: Self.pass)]))
        #expect(book.alerts["not-ready@llm/i-1"]?.state == .firing)
        #expect(book.alerts["not-ready@llm/i-1"]?.clearSince == 305)
        // It says when it will resolve if the condition stays clear: its rule's `for` after that.
        #expect(book.alerts["not-ready@llm/i-1"]?.heldUntil == 365)
        book.evaluate(picture(365, [instance("i-1", phase: "ready", ready: Self.pass)]))
        #expect(book.alerts["not-ready@llm/i-1"]?.state == .resolved)
        // Resolved, it is no longer held (the view said "clear, drops in 0s" for 15 minutes).
        #expect(book.alerts["not-ready@llm/i-1"]?.clearSince == nil && book.alerts["not-ready@llm/i-1"]?.heldUntil == nil)
    }
}
