import Monitoring

/// Which targets to poll when. Pure: times and random units come in as arguments. A target
/// is never polled while its previous poll is in flight; success schedules the next poll one
/// jittered interval later; each failure in a row doubles the wait (jittered, capped), and
/// after `breakerThreshold` of them the target's breaker is open. A probe with interval 0 is off.
///
/// Costs: `takeDue` O(log n) per target taken, `finished` O(log n), `nextWake` O(1), `sync`
/// O(n) for n targets planned plus O(k log k) for k new ones. The due times sit in a min-heap
/// ordered by (due, target); a node whose target is gone, in flight or due at another time is
/// stale and skipped when it reaches the top, and the heap is rebuilt from `entries` when stale
/// nodes could outnumber live ones two to one.
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
    /// Every entry not in flight (with a due time that is a number) has a node here at its
    /// `nextDue`; the top node is always live, so `nextWake` reads it.
    private var queue = MinHeap<DueNode>()

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
    /// (`unit` gives each its offset, in target order) so they do not all fire at once; targets
    /// no longer planned are dropped (a poll in flight finishes unheard).
    public mutating func sync(targets: [PollTarget], now: Double, unit: () -> Double) {
        let wanted = Set(targets.filter { intervals[$0.kind] > 0 })
        for t in wanted.filter({ entries[$0] == nil }).sorted() {
            let e = Entry(nextDue: now + unit() * min(intervals[t.kind], 1))
            entries[t] = e
            enqueue(t, e)
        }
        let gone = entries.keys.filter { !wanted.contains($0) }
        for t in gone { entries[t] = nil }
        if !gone.isEmpty { settle() }
    }

    /// Targets due at `now`, most overdue first (equal times in target order), at most `limit`
    /// (the free concurrency); they are marked in flight. The rest stay due for the next call.
    public mutating func takeDue(now: Double, limit: Int = .max) -> [PollTarget] {
        guard limit > 0 else { return [] }
        var due: [PollTarget] = []
        while due.count < limit, let top = queue.min, top.due <= now {
            queue.popMin()
            guard isLive(top) else { continue }
            entries[top.target]!.inFlight = true
            entries[top.target]!.breaker.attempting()
            due.append(top.target)
        }
        settle()
        return due
    }

    /// A poll ended at `now`; `unit` in [0, 1) for the jitter.
    public mutating func finished(_ target: PollTarget, succeeded: Bool, now: Double, unit: Double) {
        guard let e = entries[target] else { return }
        let next = after(e, target, succeeded: succeeded, now: now, unit: unit)
        entries[target] = next
        enqueue(target, next)
        settle()
    }

    /// A target's entry once a poll of it ended: waiting, its breaker told, due one jittered
    /// interval later, or after the backoff when that is longer.
    func after(_ entry: Entry, _ target: PollTarget, succeeded: Bool, now: Double, unit: Double) -> Entry {
        var e = entry
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
        return e
    }

    /// The earliest time a target not in flight becomes due (nil when none).
    public var nextWake: Double? { queue.min?.due }

    public func breaker(_ target: PollTarget) -> TargetBreaker? { entries[target]?.breaker }

    /// Nodes in the heap, stale ones included (for tests of its bound).
    var queuedNodes: Int { queue.count }

    // MARK: - The heap

    /// A target due at a time; ordered by time, then by target so equal times come out in the
    /// same order on every run.
    struct DueNode: Comparable, Sendable {
        var due: Double
        var target: PollTarget

        static func < (a: DueNode, b: DueNode) -> Bool { a.due < b.due || (a.due == b.due && a.target < b.target) }
    }

    /// A due time that is not a number never comes due (as `nextDue <= now` never holds for it).
    private mutating func enqueue(_ target: PollTarget, _ entry: Entry) {
        guard !entry.inFlight, !entry.nextDue.isNaN else { return }
        queue.push(DueNode(due: entry.nextDue, target: target))
    }

    /// Whether a node still stands for its target: present, waiting, due at the node's time.
    /// (Two nodes may stand for one target at one time; the first taken marks it in flight,
    /// which makes the other stale.)
    private func isLive(_ node: DueNode) -> Bool {
        guard let e = entries[node.target] else { return false }
        return !e.inFlight && e.nextDue == node.due
    }

    /// Restores the heap's invariants: rebuilt from `entries` when stale nodes may outnumber
    /// live ones two to one, and a live node (or none) on top.
    private mutating func settle() {
        if queue.count > 3 * entries.count + 32 {
            queue = MinHeap(unordered: entries.compactMap { t, e in
                e.inFlight || e.nextDue.isNaN ? nil : DueNode(due: e.nextDue, target: t)
            })
        }
        while let top = queue.min, !isLive(top) { queue.popMin() }
    }
}
