import Monitoring

/// What views are drawn from: one typed value per judgement (the picture and its totals, the
/// alerts in display order, the timeline and event log, history to chart, and each instance's
/// last health and readiness reports). Views read this and never the engine's observations,
/// schedule or inventory. Copying it is cheap (its collections are shared until written).
public struct FleetReadModel: Sendable {
    /// The latest judgement; nil until the first.
    public let picture: FleetPicture?
    public var totals: FleetTotals
    /// Firing before pending before resolved, worst first.
    public var alerts: [Alert]
    public var timeline: FleetTimeline
    public var history: FleetHistory
    /// How many alert rules are judged.
    public var ruleCount: Int
    private var observations: FleetObservations
    /// Where each chute sits in the picture (a view looks chutes up by name every frame).
    private let chuteIndex: [String: Int]

    public init(picture: FleetPicture?, totals: FleetTotals, alerts: [Alert], timeline: FleetTimeline, history: FleetHistory,
                ruleCount: Int, observations: FleetObservations) {
        self.ruleCount = ruleCount
        var index: [String: Int] = [:]
        index.reserveCapacity(picture?.chutes.count ?? 0)
        for (k, c) in (picture?.chutes ?? []).enumerated() where index[c.name] == nil { index[c.name] = k }
        chuteIndex = index
        (self.picture, self.totals, self.alerts) = (picture, totals, alerts)
        (self.timeline, self.history, self.observations) = (timeline, history, observations)
    }

    /// The last health and readiness answers of an instance, with their named checks.
    public struct Reports: Sendable, Hashable {
        public var health: HealthReport?
        public var ready: HealthReport?
        public var checkCount: Int { (health?.checks.count ?? 0) + (ready?.checks.count ?? 0) }
    }

    public func reports(of key: InstanceKey) -> Reports {
        let o = observations.instances[key]
        return Reports(health: o?.lastHealth, ready: o?.lastReadiness)
    }

    public func chute(_ name: String) -> FleetPicture.Chute? { chuteIndex[name].flatMap { picture?.chutes[$0] } }

    public func instance(_ key: InstanceKey) -> FleetPicture.Instance? {
        chute(key.chute)?.instances.first { $0.id == key.instance }
    }

    /// A chute's charted series, oldest first.
    public func history(chute: String, _ series: FleetHistory.ChuteSeries) -> [HistoryPoint] {
        history.points(chute: chute, series)
    }
}

extension FleetWatchState {
    /// The read model of the latest judgement.
    public var readModel: FleetReadModel {
        FleetReadModel(picture: picture, totals: totals, alerts: alerts.sorted, timeline: timeline, history: history,
                       ruleCount: alerts.rules.count, observations: observations)
    }
}
