import Monitoring

/// One unit of work the engine schedules: a probe of one instance (a direct source's /health,
/// /ready or /metrics), or a query that answers for the whole fleet at once (a Prometheus
/// source's PromQL, the Chutes platform's utilisation), which has no instance.
public struct PollTarget: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The instance read; nil for a fleet-wide query.
    public var instance: InstanceKey?
    public var kind: ProbeKind

    public init(_ instance: InstanceKey, _ kind: ProbeKind) {
        self.instance = instance
        self.kind = kind
    }

    private init(fleet kind: ProbeKind) {
        instance = nil
        self.kind = kind
    }

    /// A query answering `kind` for every chute and instance at once.
    public static func fleet(_ kind: ProbeKind) -> PollTarget { PollTarget(fleet: kind) }

    public static func < (a: PollTarget, b: PollTarget) -> Bool {
        let ka = a.instance ?? InstanceKey(chute: "", instance: ""), kb = b.instance ?? InstanceKey(chute: "", instance: "")
        return (a.instance == nil ? 0 : 1, ka, a.kind.rawValue) < (b.instance == nil ? 0 : 1, kb, b.kind.rawValue)
    }

    public var description: String { "\(instance?.description ?? "fleet") \(kind.rawValue)" }
}
