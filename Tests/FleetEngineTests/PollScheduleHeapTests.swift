import Monitoring
import TestLanes
import Testing
@testable import FleetEngine

/// The heap-backed poll schedule against the plain model it replaced, over thousands of random
/// operations; equal due times in target order; the heap's size bounded under churn.
@Suite(.lane(.compute)) struct PollScheduleHeapTests {
    static let intervals = ProbeIntervals(health: 2, ready: 0, metrics: 5)
    let pool: [PollTarget] = [PollTarget.fleet(.metrics)] + (0..<30).flatMap { i in
        ProbeKind.allCases.map { PollTarget(InstanceKey(chute: "c\(i % 7)", instance: "i\(i)"), $0) }
    }

    func pair() -> (PollSchedule, ReferencePollSchedule) {
        (PollSchedule(intervals: Self.intervals, jitter: 0.1, maxBackoff: 60, breakerThreshold: 3),
         ReferencePollSchedule(intervals: Self.intervals, jitter: 0.1, maxBackoff: 60, breakerThreshold: 3))
    }

    /// A unit in [0, 1), often exactly 0 or 0.5 so that due times tie.
    func unit(_ rng: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: 0
        case 1: 0.5
        default: Double.random(in: 0..<1, using: &rng)
        }
    }

    func syncBoth(_ s: inout PollSchedule, _ r: inout ReferencePollSchedule, _ targets: [PollTarget], now: Double, _ rng: inout SeededGenerator) {
        let units = (0..<targets.count + 1).map { _ in unit(&rng) }
        var i = 0, j = 0
        s.sync(targets: targets, now: now) { defer { i += 1 }; return units[i] }
        r.sync(targets: targets, now: now) { defer { j += 1 }; return units[j] }
        #expect(i == j)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomOperationsAgreeWithThePlainModel(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var (s, r) = pair()
        var now = 0.0
        var inFlight: [PollTarget] = []
        syncBoth(&s, &r, pool, now: now, &rng)
        for step in 0..<5_000 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:  // the fleet changes: a random part of the pool
                syncBoth(&s, &r, pool.filter { _ in Bool.random(using: &rng) }, now: now, &rng)
            case 1...4:
                let limit = Bool.random(using: &rng) ? Int.random(in: 0...6, using: &rng) : .max
                let taken = s.takeDue(now: now, limit: limit)
                #expect(taken == r.takeDue(now: now, limit: limit), "step \(step)")
                inFlight += taken
            case 5...7 where !inFlight.isEmpty:  // a poll in flight ends
                let t = inFlight.remove(at: Int.random(in: 0..<inFlight.count, using: &rng))
                let ok = Int.random(in: 0..<3, using: &rng) > 0, u = unit(&rng)
                s.finished(t, succeeded: ok, now: now, unit: u)
                r.finished(t, succeeded: ok, now: now, unit: u)
            case 8:  // a late or unexpected result for any target, in flight or not, known or not
                let t = pool.randomElement(using: &rng)!, ok = Bool.random(using: &rng), u = unit(&rng)
                s.finished(t, succeeded: ok, now: now, unit: u)
                r.finished(t, succeeded: ok, now: now, unit: u)
                inFlight.removeAll { $0 == t }
            default:  // time passes, in half seconds so due times tie
                now += Double(Int.random(in: 0...6, using: &rng)) / 2
            }
            #expect(s.entries == r.entries, "step \(step)")
            #expect(s.nextWake == r.nextWake, "step \(step)")
            #expect(s.queuedNodes <= 3 * s.entries.count + 32)
        }
    }

    @Test func equalDueTimesComeOutInTargetOrder() {
        var s = PollSchedule(intervals: Self.intervals)
        s.sync(targets: pool.shuffled(), now: 10) { 0 }
        let taken = s.takeDue(now: 10)
        #expect(taken == pool.filter { Self.intervals[$0.kind] > 0 }.sorted())
        #expect(s.nextWake == nil)
    }

    @Test func theMostOverdueComeFirstWhateverTheOrderTheyFinishedIn() {
        var s = PollSchedule(intervals: Self.intervals, jitter: 0)
        let targets = pool.filter { $0.kind == .health }
        s.sync(targets: targets, now: 0) { 0 }
        _ = s.takeDue(now: 0)
        for (k, t) in targets.reversed().enumerated() { s.finished(t, succeeded: true, now: Double(k), unit: 0.5) }
        #expect(s.nextWake == 2)
        #expect(s.takeDue(now: 1_000, limit: 3) == Array(targets.reversed().prefix(3)))
    }

    @Test func theHeapStaysBoundedWhenTargetsComeAndGoRepeatedly() {
        var s = PollSchedule(intervals: Self.intervals)
        let half = Array(pool.prefix(pool.count / 2))
        var peak = 0
        for round in 0..<2_000 {
            let now = Double(round)
            s.sync(targets: round.isMultiple(of: 2) ? pool : half, now: now) { 0.5 }
            // Late results for targets not in flight leave their older nodes stale.
            for t in half { s.finished(t, succeeded: true, now: now, unit: 0.5) }
            #expect(s.queuedNodes <= 3 * s.entries.count + 32, "round \(round)")
            peak = max(peak, s.queuedNodes)
        }
        #expect(peak <= 3 * pool.count + 32)
        #expect(peak > s.entries.count)  // stale nodes did pile up, and were compacted
    }

    @Test func droppingEveryTargetEmptiesTheQueue() {
        var s = PollSchedule(intervals: Self.intervals)
        s.sync(targets: pool, now: 0) { 0.3 }
        s.sync(targets: [], now: 1) { 0 }
        #expect(s.entries.isEmpty)
        #expect(s.nextWake == nil)
        #expect(s.queuedNodes == 0)
        #expect(s.takeDue(now: 100).isEmpty)
    }
}
