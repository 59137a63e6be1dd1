import Monitoring

/// Which targets to poll when. Pure: times and random units come in as arguments. A target
/// is never polled while its previous poll is in flight; success schedules the next poll one
/// jittered interval later; each failure in a row doubles the wait (jittered, capped), and
/// after `breakerThreshold` of them the target's breaker is open. A probe with interval 0 is off.
public struct PollSchedule: Sendable {
    public struct Entry: Sendable, Hashable {
        public var nextDue: Double
        public var inFlight = false
        public var breaker = TargetBreaker()
    }

    public var intervals: ProbeIntervals
    public var jitter: Double
    public var maxBackoff: Double
    public var breakerThreshold: Int
    public private(set) var entries: [PollTarget: Entry] = [:]

    public init(intervals: ProbeIntervals, jitter: Double = 0.1, maxBackoff: Double = 60, breakerThreshold: Int = 3) {
        self.intervals = intervals
        self.jitter = jitter
        self.maxBackoff = maxBackoff
        self.breakerThreshold = breakerThreshold
    }

    public init(_ settings: PollSettings) {
        self.init(intervals: settings.intervals, jitter: settings.jitter, maxBackoff: settings.maxBackoff,
                  breakerThreshold: settings.breakerThreshold)
    }

    /// Follows the fleet: every enabled probe of every instance is a target (a direct source's
    /// plan; `sync(targets:)` takes any source's).
    public mutating func sync(instances: [InstanceKey], now: Double, unit: () -> Double) {
        sync(targets: instances.flatMap { i in ProbeKind.allCases.filter { intervals[$0] > 0 }.map { PollTarget(i, $0) } }, now: now, unit: unit)
    }

    /// Follows the work a source planned. New targets are spread over their first interval
    /// (`unit` gives each its offset) so they do not all fire at once; targets no longer planned
    /// are dropped (a poll in flight finishes unheard).
    public mutating func sync(targets: [PollTarget], now: Double, unit: () -> Double) {
        let wanted = Set(targets.filter { intervals[$0.kind] > 0 })
        for t in wanted.sorted() where entries[t] == nil {
            entries[t] = Entry(nextDue: now + unit() * min(intervals[t.kind], 1))
        }
        for t in entries.keys where !wanted.contains(t) { entries[t] = nil }
    }

    /// Targets due at `now`, most overdue first, at most `limit` (the free concurrency); they
    /// are marked in flight. The rest stay due for the next call.
    public mutating func takeDue(now: Double, limit: Int = .max) -> [PollTarget] {
        guard limit > 0 else { return [] }
        var due: [PollTarget] = []
        for (t, e) in entries where !e.inFlight && e.nextDue <= now { due.append(t) }
        due.sort { entries[$0]!.nextDue < entries[$1]!.nextDue }
        if due.count > limit { due.removeLast(due.count - limit) }
        for t in due {
            entries[t]!.inFlight = true
            entries[t]!.breaker.attempting()
        }
        return due
    }

    /// A poll ended at `now`; `unit` in [0, 1) for the jitter.
    public mutating func finished(_ target: PollTarget, succeeded: Bool, now: Double, unit: Double) {
        guard var e = entries[target] else { return }
        let interval = intervals[target.kind]
        e.inFlight = false
        if succeeded {
            e.breaker.succeeded()
            e.nextDue = now + interval * (1 + jitter * (2 * unit - 1))
        } else {
            e.breaker.failed(threshold: breakerThreshold)
            let backoff = TargetBreaker.backoff(failures: e.breaker.consecutiveFailures, interval: interval, maxBackoff: maxBackoff, unit: unit)
            e.nextDue = now + max(interval * (1 + jitter * (2 * unit - 1)), backoff)
        }
        entries[target] = e
    }

    /// The earliest time a target not in flight becomes due (nil when none).
    public var nextWake: Double? { entries.values.filter { !$0.inFlight }.map(\.nextDue).min() }

    public func breaker(_ target: PollTarget) -> TargetBreaker? { entries[target]?.breaker }
}
