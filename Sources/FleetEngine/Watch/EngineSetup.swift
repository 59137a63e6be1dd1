import Monitoring

/// What a `FleetWatchState` is made from: a recorded session writes it in its header so a
/// replay starts the same engine (same settings, rules, plan and jitter seed) and, fed the same
/// messages, reaches the same pictures, alerts and events.
public struct EngineSetup: Sendable, Hashable, Codable {
    public var settings: PollSettings
    public var names: MetricNames
    public var rules: [AlertRule]
    public var discoveryInterval: Double
    public var judgeInterval: Double?
    public var seed: UInt64
    public var plan: ReadingPlan
    public var alertmanagerInterval: Double?

    public init(settings: PollSettings, names: MetricNames, rules: [AlertRule], discoveryInterval: Double = 10,
                judgeInterval: Double? = nil, seed: UInt64, plan: ReadingPlan, alertmanagerInterval: Double? = nil) {
        self.settings = settings
        self.names = names
        self.rules = rules
        self.discoveryInterval = discoveryInterval
        self.judgeInterval = judgeInterval
        self.seed = seed
        self.plan = plan
        self.alertmanagerInterval = alertmanagerInterval
    }

    /// A new engine in its first state.
    public func makeState() -> FleetWatchState {
        FleetWatchState(settings: settings, names: names, rules: rules, discoveryInterval: discoveryInterval, judgeInterval: judgeInterval,
                        seed: seed, plan: plan, alertmanagerInterval: alertmanagerInterval)
    }
}

extension FleetWatchMessage {
    /// The time the message carries (when it happened, by the shell's clock).
    public var time: Double {
        switch self {
        case .tick(let now): now
        case .listed(_, let at), .polled(_, _, let at), .alertmanagerRead(_, let at), .backfilled(_, let at): at
        case .alertHandled(_, _, _, _, let at), .chartsWanted(_, _, let at): at
        case .noted(let event): event.time
        }
    }
}
