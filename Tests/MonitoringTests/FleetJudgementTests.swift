import TestLanes
import Testing
@testable import Monitoring

/// Staleness, flaps, history memory, and the alert life cycle.
@Suite(.lane(.compute)) struct FleetJudgementTests {
    @Test func staleAfterThreeMissedIntervals() {
        var r = ProbeRecord()
        #expect(!r.isStale(at: 100, interval: 5))
        r.failed("connection refused", at: 100)
        #expect(r.isStale(at: 100, interval: 5))  // tried, never answered
        r.succeeded(at: 101)
        #expect(!r.isStale(at: 116, interval: 5))
        #expect(r.isStale(at: 116.1, interval: 5))
        #expect(r.age(at: 111) == 10)
    }

    @Test func flapsCountChangesWithinTheWindow() {
        var f = FlapCounter(window: 60)
        for (t, s) in [(0.0, HealthStatus.pass), (10, .fail), (20, .pass), (30, .pass), (40, .fail)] { f.record(s, at: t) }
        #expect(f.flaps(at: 40) == 3)
        #expect(f.flaps(at: 75) == 2)  // the change at 10 left the window
    }

    @Test func historyIsBoundedAndDownsamples() {
        var h = SeriesHistory(recentSpan: 100, resolution: 10, longSpan: 600, epoch: 0)
        #expect(h.memoryBytes == 0)  // allocated as points arrive (HistoryRingTests)
        for t in stride(from: 0.0, to: 1000, by: 10) { h.append(time: t, value: t) }
        let full = h.memoryBytes
        h.append(time: 1000, value: .nan)
        #expect(h.memoryBytes == full)
        #expect(h.memoryBytes == (10 + 10) * 8)
        #expect(h.capacityBytes == (10 + 10) * 8)
        #expect(h.recent.points.map(\.time) == stride(from: 900.0, to: 1000, by: 10).map { $0 })
        // Minute means: 0-50 -> 25, 60-110 -> 85, ...; the last full minutes kept.
        #expect(h.minutes?.points.last == HistoryPoint(time: 900, value: 925))
    }

    func picture(_ time: Double, errorRatio: Double?, ready: Int = 1, min: Int = 1) -> FleetPicture {
        let probe = FleetPicture.Probe(status: .pass, ageSeconds: 0, stale: false, error: nil, errorAgeSeconds: nil, consecutiveFailures: 0, pollBreaker: nil)
        return FleetPicture(time: time, chutes: [FleetPicture.Chute(
            name: "llm", counts: .init(current: 1, ready: ready, target: 1, min: min, max: 2),
            requestRate: Figure(10, age: 0), errorRatio: Figure(errorRatio, age: 0), p50: .none, p95: .none, p99: .none,
            rateFrom: nil, rateTo: nil, gpu: nil, controlError: nil,
            instances: [FleetPicture.Instance(id: "i-1", baseURL: nil, phase: nil, health: probe, ready: probe, metrics: probe,
                                              healthFlaps: 0, requestRate: .none, errorRatio: .none, gpu: nil, breakers: [], skippedLines: 0)])])
    }

    @Test func pendingThenFiringThenResolved() {
        var book = AlertBook(rules: [AlertRule(name: "errors", condition: .errorRatioAbove(0.05), forSeconds: 120, severity: .critical)])
        book.evaluate(picture(0, errorRatio: 0.2))
        #expect(book.alerts["errors@llm"]?.state == .pending)
        book.evaluate(picture(119, errorRatio: 0.2))
        #expect(book.alerts["errors@llm"]?.state == .pending)
        #expect(book.highestFiring == nil)
        book.evaluate(picture(120, errorRatio: 0.2))
        #expect(book.alerts["errors@llm"]?.state == .firing)
        #expect(book.highestFiring == .critical)
        // Clear: held by its `for` before it resolves (a flap does not resolve it).
        book.evaluate(picture(130, errorRatio: 0.01))
        #expect(book.alerts["errors@llm"]?.state == .firing)
        book.evaluate(picture(250, errorRatio: 0.01))
        #expect(book.alerts["errors@llm"]?.state == .resolved)
        #expect(book.alerts["errors@llm"]?.resolvedAt == 250)
    }

    @Test func aPendingAlertThatStopsHoldingIsDropped() {
        var book = AlertBook(rules: [AlertRule(name: "errors", condition: .errorRatioAbove(0.05), forSeconds: 120, severity: .critical)])
        book.evaluate(picture(0, errorRatio: 0.2))
        book.evaluate(picture(60, errorRatio: nil))
        #expect(book.alerts["errors@llm"]?.state == .pending)  // a gap shorter than `for`
        book.evaluate(picture(180, errorRatio: nil))
        #expect(book.alerts.isEmpty)
    }

    @Test func acknowledgeAndSnoozeHideAFiringAlertUntilItResolves() {
        var book = AlertBook(rules: [AlertRule(name: "min", condition: .readyBelowMin, forSeconds: 0, severity: .critical)])
        book.evaluate(picture(0, errorRatio: nil, ready: 0))
        #expect(book.alerts["min@llm"]!.needsAttention(at: 0))
        book.snooze("min@llm", until: 300)
        #expect(!book.alerts["min@llm"]!.needsAttention(at: 100))
        #expect(book.alerts["min@llm"]!.needsAttention(at: 300))
        book.acknowledge("min@llm")
        book.evaluate(picture(310, errorRatio: nil, ready: 0))
        #expect(book.alerts["min@llm"]!.acknowledged)
        #expect(!book.alerts["min@llm"]!.needsAttention(at: 310))
        // Resolves, then fires again: a new alert, not acknowledged.
        book.evaluate(picture(320, errorRatio: nil, ready: 1))
        book.evaluate(picture(330, errorRatio: nil, ready: 0))
        #expect(book.alerts["min@llm"]!.state == .firing)
        #expect(!book.alerts["min@llm"]!.acknowledged)
    }

    @Test func ignoreForFiresAtOnceForAOneShotCheck() {
        var book = AlertBook(rules: [AlertRule(name: "errors", condition: .errorRatioAbove(0.05), forSeconds: 120, severity: .warning)])
        book.evaluate(picture(0, errorRatio: 0.2), ignoreFor: true)
        #expect(book.highestFiring == .warning)
        #expect(AlertSeverity.warning.exitCode == 1 && AlertSeverity.critical.exitCode == 2 && AlertSeverity.info.exitCode == 0)
    }
}
