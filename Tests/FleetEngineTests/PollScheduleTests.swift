import Monitoring
import TestLanes
import Testing
@testable import FleetEngine

/// The pure poll schedule: intervals with jitter, no overlapping polls, backoff and breakers.
@Suite(.lane(.compute)) struct PollScheduleTests {
    let a = InstanceKey(chute: "c", instance: "a"), b = InstanceKey(chute: "c", instance: "b")

    func schedule() -> PollSchedule {
        var s = PollSchedule(intervals: ProbeIntervals(health: 2, ready: 0, metrics: 5), jitter: 0.1, maxBackoff: 60, breakerThreshold: 3)
        s.sync(instances: [a, b], now: 0) { 0 }
        return s
    }

    @Test func everyEnabledProbeIsATargetAndOffProbesAreNot() {
        let s = schedule()
        #expect(Set(s.entries.keys) == [PollTarget(a, .health), PollTarget(a, .metrics), PollTarget(b, .health), PollTarget(b, .metrics)])
    }

    @Test func aTargetInFlightIsNeverTakenAgain() {
        var s = schedule()
        #expect(s.takeDue(now: 0).count == 4)
        #expect(s.takeDue(now: 100).isEmpty)
        s.finished(PollTarget(a, .health), succeeded: true, now: 1, unit: 0.5)
        #expect(s.takeDue(now: 100) == [PollTarget(a, .health)])
    }

    @Test func successSchedulesOneJitteredIntervalLater() {
        var s = schedule()
        _ = s.takeDue(now: 0)
        s.finished(PollTarget(a, .metrics), succeeded: true, now: 10, unit: 0)
        #expect(s.entries[PollTarget(a, .metrics)]!.nextDue == 10 + 5 * 0.9)
        _ = s.takeDue(now: 20)
        s.finished(PollTarget(a, .metrics), succeeded: true, now: 20, unit: 1)
        #expect(s.entries[PollTarget(a, .metrics)]!.nextDue == 20 + 5 * 1.1)
    }

    @Test func failuresBackOffExponentiallyAndOpenTheBreaker() {
        var s = schedule()
        let t = PollTarget(a, .metrics)
        var now = 0.0
        var waits: [Double] = []
        for _ in 0..<8 {
            #expect(s.takeDue(now: now, limit: 10).contains(t))
            s.finished(t, succeeded: false, now: now, unit: 0.999_999)
            waits.append(s.entries[t]!.nextDue - now)
            now = s.entries[t]!.nextDue
        }
        // unit ~1: waits 5, 10, 20, 40, then capped at 60.
        #expect(waits.map { $0.rounded() } == [5, 10, 20, 40, 60, 60, 60, 60])
        #expect(s.breaker(t)?.state == .open)
        _ = s.takeDue(now: now)
        #expect(s.breaker(t)?.state == .halfOpen)
        s.finished(t, succeeded: true, now: now, unit: 0.5)
        #expect(s.breaker(t)?.state == .closed)
        #expect(s.breaker(t)?.consecutiveFailures == 0)
    }

    @Test func theBreakerOpensAfterTheThresholdAndAFailedProbeReopensIt() {
        var breaker = TargetBreaker()
        breaker.failed(threshold: 3)
        breaker.failed(threshold: 3)
        #expect(breaker.state == .closed)
        breaker.failed(threshold: 3)
        #expect(breaker.state == .open)
        breaker.attempting()
        #expect(breaker.state == .halfOpen)
        breaker.failed(threshold: 3)
        #expect(breaker.state == .open)
    }

    @Test func theLimitCapsHowManyStartAtOnce() {
        var s = schedule()
        #expect(s.takeDue(now: 0, limit: 3).count == 3)
        #expect(s.takeDue(now: 0, limit: 3).count == 1)
        #expect(s.takeDue(now: 0, limit: 0).isEmpty)
    }

    @Test func vanishedInstancesAreDroppedAndNewOnesSpreadOverTheirFirstInterval() {
        var s = schedule()
        s.sync(instances: [b, InstanceKey(chute: "c", instance: "new")], now: 50) { 0.5 }
        #expect(!s.entries.keys.contains { $0.instance == a })
        #expect(s.entries[PollTarget(InstanceKey(chute: "c", instance: "new"), .health)]!.nextDue == 50.5)
        #expect(s.nextWake == 0)
    }
}
