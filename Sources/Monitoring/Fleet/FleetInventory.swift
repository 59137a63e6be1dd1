/// What a source says the fleet is: its chutes, each chute's instances and where they answer,
/// and the scaling figures the control plane knows (nil where the source has none).
public struct FleetInventory: Sendable, Hashable, Codable {
    public struct Instance: Sendable, Hashable, Codable {
        public var id: String
        /// Base URL of /health, /ready, /metrics, /logs (nil when the source reads samples
        /// another way, e.g. from Prometheus).
        public var baseURL: String?
        /// The control plane's word for it (`ready`, `starting`, `draining`, …).
        public var phase: String?

        public init(id: String, baseURL: String? = nil, phase: String? = nil) {
            self.id = id
            self.baseURL = baseURL
            self.phase = phase
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
        /// The control API's id for the chute (the Chutes platform's chute_id), when it gives one.
        public var id: String?
        /// Why the control API could not be read (the instances are then the last known ones).
        public var controlError: String?

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

    public var chutes: [Chute]

    public init(chutes: [Chute]) { self.chutes = chutes }

    /// Every instance, chute by chute.
    public var instanceKeys: [InstanceKey] {
        chutes.flatMap { c in c.instances.map { InstanceKey(chute: c.name, instance: $0.id) } }
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
