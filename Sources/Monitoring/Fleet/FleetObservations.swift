/// All that has been observed of a fleet: the inventory from the source and each instance's
/// observation. Pure: results and times come in, a `FleetPicture` comes out.
public struct FleetObservations: Sendable {
    public private(set) var inventory = FleetInventory(chutes: [])
    public private(set) var instances: [InstanceKey: InstanceObservation] = [:]
    public var intervals: ProbeIntervals
    public var rateRange: RateRange
    public var names: MetricNames

    public init(intervals: ProbeIntervals = ProbeIntervals(), rateRange: RateRange = .window(60), names: MetricNames = .standard) {
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
    }

    public mutating func record(_ outcome: ProbeOutcome, kind: ProbeKind, for key: InstanceKey, at time: Double) {
        // Mutated in place: a copy out of the dictionary would make every counter window's
        // storage shared, and the next append would copy it all.
        guard let index = instances.index(forKey: key) else { return }
        instances.values[index].record(outcome, kind: kind, at: time)
    }

    private var windowSeconds: Double {
        switch rateRange {
        case .window(let w): w
        case .span: .infinity
        }
    }
}
