import Monitoring

/// What a source reads and how it divides the work: per instance (one request per probe of
/// each instance, as a direct source polls /health, /ready and /metrics) and fleet-wide (one
/// query answers every chute and instance, as PromQL or the Chutes platform's utilisation do).
/// A source states its plan; the engine turns the inventory into poll targets with it. A value,
/// so it can be recorded with a session.
public struct ReadingPlan: Sendable, Hashable, Codable {
    /// Probes polled once per instance.
    public var perInstance: Set<ProbeKind>
    /// Readings one query answers for the whole fleet.
    public var fleetWide: Set<ProbeKind>
    /// The source holds the fleet's past (charts are filled from it, not only as polls arrive).
    public var history: Bool
    /// Why this source cannot read GPU figures (the Chutes platform exposes no GPU telemetry);
    /// nil when it can. Views say it where a GPU figure would be.
    public var gpuUnseen: String?
    /// What the readiness review cannot see through this source, in its words (the Chutes
    /// platform has no health path of its own); an area not named here is still unseen when the
    /// plan does not read it per instance (`reviewUnseen(logs:)`).
    public var reviewBlindSpots: [ReviewArea: String]

    public init(perInstance: Set<ProbeKind> = [], fleetWide: Set<ProbeKind> = [], history: Bool = false, gpuUnseen: String? = nil,
                reviewBlindSpots: [ReviewArea: String] = [:]) {
        self.gpuUnseen = gpuUnseen
        self.reviewBlindSpots = reviewBlindSpots
        self.perInstance = perInstance
        self.fleetWide = fleetWide
        self.history = history
    }

    /// Every probe of every instance (a direct source, the simulator).
    public static let everyInstance = ReadingPlan(perInstance: Set(ProbeKind.allCases))

    /// What the review cannot see: the source's own words, else a plain reason for each area
    /// this plan does not read instance by instance.
    public var reviewUnseen: [ReviewArea: String] {
        var unseen = reviewBlindSpots
        if !perInstance.contains(.health) || !perInstance.contains(.ready) {
            unseen[.probes] = unseen[.probes] ?? "this source does not ask instances' health and readiness endpoints itself"
        }
        if !perInstance.contains(.metrics) {
            unseen[.metricsPage] = unseen[.metricsPage] ?? "this source does not read instances' metrics pages"
        }
        return unseen
    }

    /// The intervals as judged: a probe this plan does not read is off (so, say, readiness is
    /// not expected from a source that cannot read it, and no instance is judged not ready).
    public func effective(_ intervals: ProbeIntervals) -> ProbeIntervals {
        var e = intervals
        for kind in ProbeKind.allCases where !perInstance.contains(kind) && !fleetWide.contains(kind) {
            switch kind {
            case .health: e.health = 0
            case .ready: e.ready = 0
            case .metrics: e.metrics = 0
            }
        }
        return e
    }

    /// The work for this inventory; a probe whose interval is 0 is off.
    public func targets(for inventory: FleetInventory, intervals: ProbeIntervals) -> [PollTarget] {
        let fleet = ProbeKind.allCases.filter { fleetWide.contains($0) && intervals[$0] > 0 }.map { PollTarget.fleet($0) }
        let kinds = ProbeKind.allCases.filter { perInstance.contains($0) && intervals[$0] > 0 }
        return fleet + inventory.instanceKeys.flatMap { key in kinds.map { PollTarget(key, $0) } }
    }
}
