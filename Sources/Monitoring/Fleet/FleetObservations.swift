/// All that has been observed of a fleet: the inventory from the source and each instance's
/// observation. Pure: results and times come in, a `FleetPicture` comes out.
public struct FleetObservations: Sendable {
    public private(set) var inventory = FleetInventory(chutes: [])
    public private(set) var instances: [InstanceKey: InstanceObservation] = [:]
    public var intervals: ProbeIntervals
    public var rateRange: RateRange
    public var names: MetricNames
    /// Why the readings cannot see GPUs (the plan's `gpuUnseen`), pictured on every chute.
    public var gpuUnseen: String?

    public init(intervals: ProbeIntervals = ProbeIntervals(), rateRange: RateRange = .window(60), names: MetricNames = .standard,
                gpuUnseen: String? = nil) {
        self.gpuUnseen = gpuUnseen
        self.intervals = intervals
        self.rateRange = rateRange
        self.names = names
    }

    /// Takes a new inventory; instances no longer listed are forgotten.
    public mutating func update(_ inventory: FleetInventory) {
        self.inventory = inventory
        let keys = Set(inventory.instanceKeys)
        for key in keys where instances[key] == nil { instances[key] = InstanceObservation(window: windowSeconds) }
        for key in instances.keys where !keys.contains(key) { instances[key] = nil }
        let names = Set(inventory.chutes.map(\.name))
        for name in chuteFigures.keys where !names.contains(name) { chuteFigures[name] = nil }
    }

    /// The newest fleet-wide figures per chute, and when they were received.
    public private(set) var chuteFigures: [String: (figures: ComputedFigures.Chute, span: Double, time: Double)] = [:]

    public mutating func record(_ reading: SourceReading, kind: ProbeKind, for key: InstanceKey, at time: Double) {
        // Mutated in place: a copy out of the dictionary would make every counter window's
        // storage shared, and the next append would copy it all.
        guard let index = instances.index(forKey: key) else { return }
        instances.values[index].record(reading, kind: kind, at: time)
    }

    /// A fleet-wide reading that failed: the source could not see the fleet. Nothing is said
    /// of the instances (their figures go stale and are shown so); the problem is the source's.
    public struct SourceProblem: Sendable, Hashable {
        public var kind: ProbeKind
        public var error: String
        /// The source still answered (a query of several failed, or the server warned): figures
        /// shown are partial, not absent.
        public var partial: Bool = false
        /// The first failure in a row, and the latest.
        public var since: Double
        public var last: Double
    }

    public private(set) var sourceProblems: [SourceProblem] = []

    /// A reading that answers for the whole fleet: computed figures go to the chutes and
    /// instances they name, as of the time they describe (metrics figures for a metrics
    /// reading; health and readiness verdicts whenever the source gives them); a failure is
    /// the source's problem, not a verdict on every instance.
    public mutating func recordFleetWide(_ reading: SourceReading, kind: ProbeKind, at time: Double) {
        switch reading {
        case .figures(let f):
            if f.problems.isEmpty {
                sourceProblems.removeAll { $0.kind == kind }
            } else {
                noteProblem(f.problems.joined(separator: "; "), kind: kind, at: time, partial: true)
            }
            if kind == .metrics { for c in f.chutes { chuteFigures[c.name] = (c, f.span, f.time) } }
            for i in f.instances {
                guard let index = instances.index(forKey: i.key) else { continue }
                if kind == .metrics { instances.values[index].take(i, at: f.time) }
                if let h = i.health { instances.values[index].record(.report(h), kind: .health, at: f.time) }
                if let r = i.ready { instances.values[index].record(.report(r), kind: .ready, at: f.time) }
            }
        case .failed(let error):
            noteProblem(error, kind: kind, at: time)
        case .report, .scrape:
            return  // per-instance answers have no meaning fleet-wide
        }
    }

    /// A problem of the source's (a failure, or a warning with an answer), kept with when it
    /// began and when it was last seen.
    public mutating func noteProblem(_ error: String, kind: ProbeKind, at time: Double, partial: Bool = false) {
        if let k = sourceProblems.firstIndex(where: { $0.kind == kind }) {
            sourceProblems[k].error = error
            sourceProblems[k].last = time
            sourceProblems[k].partial = partial
        } else {
            sourceProblems.append(SourceProblem(kind: kind, error: error, partial: partial, since: time, last: time))
        }
    }

    private var windowSeconds: Double {
        switch rateRange {
        case .window(let w): w
        case .span: .infinity
        }
    }
}
