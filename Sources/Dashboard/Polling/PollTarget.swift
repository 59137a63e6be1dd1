import Monitoring

/// One thing to poll: a probe of an instance.
public struct PollTarget: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var instance: InstanceKey
    public var kind: ProbeKind

    public init(_ instance: InstanceKey, _ kind: ProbeKind) {
        self.instance = instance
        self.kind = kind
    }

    public static func < (a: PollTarget, b: PollTarget) -> Bool {
        (a.instance, a.kind.rawValue) < (b.instance, b.kind.rawValue)
    }

    public var description: String { "\(instance) \(kind.rawValue)" }
}
