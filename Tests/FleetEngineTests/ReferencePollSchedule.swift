import Monitoring
@testable import FleetEngine

/// The poll schedule as it was before the heap, written plainly (every call scans and sorts
/// every entry), with equal due times taken in target order: the model the heap-backed
/// `PollSchedule` is compared against.
struct ReferencePollSchedule {
    var intervals: ProbeIntervals
    var jitter: Double
    var maxBackoff: Double
    var breakerThreshold: Int
    var entries: [PollTarget: PollSchedule.Entry] = [:]

    mutating func sync(targets: [PollTarget], now: Double, unit: () -> Double) {
        let wanted = Set(targets.filter { intervals[$0.kind] > 0 })
        for t in wanted.sorted() where entries[t] == nil {
            entries[t] = PollSchedule.Entry(nextDue: now + unit() * min(intervals[t.kind], 1))
        }
        for t in entries.keys where !wanted.contains(t) { entries[t] = nil }
    }

    mutating func takeDue(now: Double, limit: Int) -> [PollTarget] {
        guard limit > 0 else { return [] }
        var due = entries.filter { !$0.value.inFlight && $0.value.nextDue <= now }.map(\.key)
        due.sort { (entries[$0]!.nextDue, $0) < (entries[$1]!.nextDue, $1) }
        if due.count > limit { due.removeLast(due.count - limit) }
        for t in due {
            entries[t]!.inFlight = true
            entries[t]!.breaker.attempting()
        }
        return due
    }

    /// The rule for the next due time is the schedule's own (PollScheduleTests prove it); what
    /// is compared is which targets come due when.
    mutating func finished(_ target: PollTarget, succeeded: Bool, now: Double, unit: Double) {
        guard let e = entries[target] else { return }
        let rules = PollSchedule(intervals: intervals, jitter: jitter, maxBackoff: maxBackoff, breakerThreshold: breakerThreshold)
        entries[target] = rules.after(e, target, succeeded: succeeded, now: now, unit: unit)
    }

    var nextWake: Double? { entries.values.filter { !$0.inFlight }.map(\.nextDue).min() }
}

/// Repeatable random numbers for the randomized comparisons (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
