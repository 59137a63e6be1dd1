/// The readiness review of every chute the fleet lists, fed by the engine (readings, listings,
/// judgements) and by log streams; `review(chute:context:)` decides a chute's checks now.
public struct FleetReview: Sendable {
    public private(set) var chutes: [String: ReadinessReview] = [:]

    public init() {}

    /// One reading of one probe of one instance.
    public mutating func observe(_ reading: SourceReading, kind: ProbeKind, of key: InstanceKey, at: Double) {
        switch kind {
        case .health: chutes[key.chute, default: ReadinessReview(chute: key.chute)].observeHealth(reading, instance: key.instance, at: at)
        case .ready: chutes[key.chute, default: ReadinessReview(chute: key.chute)].observeReadiness(reading, instance: key.instance, at: at)
        case .metrics: chutes[key.chute, default: ReadinessReview(chute: key.chute)].observeMetrics(reading, instance: key.instance, at: at)
        }
    }

    /// A listing: limits, phases, instances gone. A chute no longer listed is forgotten.
    public mutating func observe(listing: FleetInventory, at: Double) {
        let names = Set(listing.chutes.map(\.name))
        for name in chutes.keys where !names.contains(name) { chutes[name] = nil }
        for c in listing.chutes { chutes[c.name, default: ReadinessReview(chute: c.name)].observeListing(c, at: at) }
    }

    /// A log line of an instance, read at `at`.
    public mutating func observe(log entry: LogEntry, of key: InstanceKey, at: Double) {
        chutes[key.chute]?.observeLog(entry, instance: key.instance, at: at)
    }

    /// A judgement: each chute's 5xx ratio (for bursts after an instance left).
    public mutating func observe(_ picture: FleetPicture) {
        for c in picture.chutes { chutes[c.name]?.observeErrorRatio(c.errorRatio.value, at: picture.time) }
    }

    /// The chute's checks as the evidence stands (every check unknown for a chute not seen).
    public func review(chute: String, context: ReviewContext) -> ChuteReview {
        (chutes[chute] ?? ReadinessReview(chute: chute)).review(context)
    }
}
