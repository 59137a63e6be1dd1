import Monitoring

/// What views are drawn from: the latest judgement (the picture and its totals, the alerts in
/// display order), the timeline and event log, history to chart, each instance's last health
/// and readiness reports, and what the fleet-wide sources could not read. Views read this and
/// never the engine's observations, schedule or inventory.
///
/// It is a window onto the engine's state, made for one frame and let go: it shares the
/// engine's storage and must not be kept across updates, or the engine's next change would copy
/// its history and counter windows (hundreds of MB at 10,000 chutes).
public struct FleetReadModel: Sendable {
    private let engine: FleetWatchState

    public init(_ engine: FleetWatchState) { self.engine = engine }

    /// The latest judgement; nil until the first.
    public var picture: FleetPicture? { engine.picture }
    public var totals: FleetTotals { engine.totals }
    /// Firing before pending before resolved, worst first (sorted once per evaluation).
    public var alerts: [Alert] { engine.alertList }
    public var timeline: FleetTimeline { engine.timeline }
    public var history: FleetHistory { engine.history }
    /// The context's Alertmanager: its active alerts as last read, and its problem (nil
    /// when the context names none).
    public var alertmanager: AlertmanagerAlerts? { engine.alertmanagerInterval == nil ? nil : engine.alertmanager }
    /// How many alert rules are judged.
    public var ruleCount: Int { engine.alerts.rules.count }
    /// Fleet-wide readings that failed: the source could not see the fleet (its instances'
    /// figures then go stale; they are not judged down).
    public var sourceProblems: [FleetObservations.SourceProblem] { engine.observations.sourceProblems }
    /// Why the alert rules are not being judged (a fleet-wide source gets no answer: alerts
    /// are held, not resolved on no evidence), or nil while they are.
    public var rulesHeld: String? { sourceProblems.first { !$0.partial }.map { "the source is failing (\($0.kind.rawValue)): \($0.error)" } }
    /// Why the source's history could not (all) be read for the charts; nil when it was.
    public var historyProblem: String? { engine.historyProblem }

    /// The last health and readiness answers of an instance, with their named checks.
    public struct Reports: Sendable, Hashable {
        public var health: HealthReport?
        public var ready: HealthReport?
        public var checkCount: Int { (health?.checks.count ?? 0) + (ready?.checks.count ?? 0) }
    }

    public func reports(of key: InstanceKey) -> Reports {
        let o = engine.observations.instances[key]
        return Reports(health: o?.lastHealth, ready: o?.lastReadiness)
    }

    /// A chute of the latest judgement by name, in O(1).
    public func chute(_ name: String) -> FleetPicture.Chute? { engine.chuteIndex[name].flatMap { engine.picture?.chutes[$0] } }

    /// A chute's production-readiness review as the evidence stands (decided per call: a view
    /// asks for the rows it draws).
    public func review(_ chute: String) -> ChuteReview {
        engine.review(chute: chute, logsSettledBy: "opening its logs view")
    }

    public func instance(_ key: InstanceKey) -> FleetPicture.Instance? {
        chute(key.chute)?.instances.first { $0.id == key.instance }
    }
}

extension FleetWatchState {
    /// The read model of the latest judgement, for one frame.
    public var readModel: FleetReadModel { FleetReadModel(self) }
}
