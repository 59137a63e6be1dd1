/// What a source says the fleet is: its chutes, each chute's instances and where they answer,
/// and the scaling figures the control plane knows (nil where the source has none).
public struct FleetInventory: Sendable, Hashable, Codable, CustomReflectable {
    public struct Instance: Sendable, Hashable, Codable {
        public var id: String
        /// Base URL of /health, /ready, /metrics, /logs (nil when the source reads samples
        /// another way, e.g. from Prometheus).
        public var baseURL: String?
        /// The control plane's word for it (`ready`, `starting`, `draining`, …).
        public var phase: String?
        /// What the control plane says of it beyond its phase (the Chutes platform's active,
        /// verified, region, last verified), as name and value; shown as said.
        public var facts: [Label]?
        /// When it (re)started, seconds since the epoch, when the control plane says.
        public var startedAt: Double?

        public init(id: String, baseURL: String? = nil, phase: String? = nil, startedAt: Double? = nil) {
            self.id = id
            self.baseURL = baseURL
            self.phase = phase
            self.startedAt = startedAt
        }
    }

    public struct Chute: Sendable, Hashable, Codable {
        public var name: String
        public var instances: [Instance]
        public var targetInstances: Int?
        public var minInstances: Int?
        public var maxInstances: Int?
        /// Mean utilisation the autoscaler keeps the instances under (0-1), when the control API says.
        public var scalingThreshold: Double?
        /// Seconds idle before the control plane scales it down to its minimum, when it says.
        public var shutdownAfterSeconds: Double?
        /// The control API's id for the chute (the Chutes platform's chute_id), when it gives one.
        public var id: String?
        /// Why the control API could not be read (the instances are then the last known ones).
        public var controlError: String?
        /// What the control plane says of the chute beyond counts, as name and value (the Chutes
        /// platform's hot/cold, GPU type and count, concurrency, shutdown after): shown as said.
        public var facts: [Label]?

        public init(name: String, instances: [Instance], targetInstances: Int? = nil, minInstances: Int? = nil,
                    maxInstances: Int? = nil, scalingThreshold: Double? = nil, id: String? = nil, controlError: String? = nil) {
            self.name = name
            self.instances = instances
            self.targetInstances = targetInstances
            self.minInstances = minInstances
            self.maxInstances = maxInstances
            self.scalingThreshold = scalingThreshold
            self.id = id
            self.controlError = controlError
        }
    }

    /// Rebuilding the index on every change keeps lookups O(1); an inventory changes once per
    /// listing, while lookups happen once per poll result.
    public var chutes: [Chute] { didSet { index = Index(chutes) } }
    /// Derived from `chutes`: not part of equality, hashing or coding.
    private var index: Index

    public init(chutes: [Chute]) {
        self.chutes = chutes
        index = Index(chutes)
    }

    /// Every instance, chute by chute.
    public var instanceKeys: [InstanceKey] {
        chutes.flatMap { c in c.instances.map { InstanceKey(chute: c.name, instance: $0.id) } }
    }

    /// The first chute of this name, in O(1).
    public func chute(named name: String) -> Chute? { index.chutes[name].map { chutes[$0] } }

    /// The instance `key` names, in O(1): the first of that id in the first chute of that name
    /// (as a search chute by chute would find it).
    public func instance(_ key: InstanceKey) -> Instance? {
        index.instances[key].map { chutes[$0.chute].instances[$0.instance] }
    }

    /// Where each chute and instance sits in `chutes`.
    private struct Index: Sendable {
        var chutes: [String: Int] = [:]
        var instances: [InstanceKey: (chute: Int, instance: Int)] = [:]

        init(_ list: [Chute]) {
            chutes.reserveCapacity(list.count)
            for (c, chute) in list.enumerated() where chutes[chute.name] == nil {
                chutes[chute.name] = c
                for (i, instance) in chute.instances.enumerated() {
                    let key = InstanceKey(chute: chute.name, instance: instance.id)
                    if instances[key] == nil { instances[key] = (c, i) }
                }
            }
        }
    }

    public static func == (a: FleetInventory, b: FleetInventory) -> Bool { a.chutes == b.chutes }

    /// Shown (and dumped) as its chutes alone: the index is derived, and a dictionary's order
    /// would make two equal inventories print differently.
    public var customMirror: Mirror { Mirror(self, children: ["chutes": chutes]) }

    public func hash(into hasher: inout Hasher) { hasher.combine(chutes) }

    private enum CodingKeys: String, CodingKey { case chutes }

    public init(from decoder: any Decoder) throws {
        self.init(chutes: try decoder.container(keyedBy: CodingKeys.self).decode([Chute].self, forKey: .chutes))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chutes, forKey: .chutes)
    }
}

/// One instance of one chute.
public struct InstanceKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var chute: String
    public var instance: String

    public init(chute: String, instance: String) {
        self.chute = chute
        self.instance = instance
    }

    public static func < (a: InstanceKey, b: InstanceKey) -> Bool { (a.chute, a.instance) < (b.chute, b.instance) }
    public var description: String { "\(chute)/\(instance)" }
}

/// What is polled per instance.
public enum ProbeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case health, ready, metrics
}
