/// How often each probe runs, in seconds; 0 turns a probe off.
public struct ProbeIntervals: Sendable, Hashable, Codable {
    public var health: Double
    public var ready: Double
    public var metrics: Double

    public init(health: Double = 2, ready: Double = 2, metrics: Double = 5) {
        self.health = health
        self.ready = ready
        self.metrics = metrics
    }

    public subscript(kind: ProbeKind) -> Double {
        switch kind {
        case .health: health
        case .ready: ready
        case .metrics: metrics
        }
    }
}
