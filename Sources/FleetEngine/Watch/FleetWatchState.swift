import Monitoring

/// Watching a fleet, as pure state: the poll schedule, what has been observed, the history and
/// the alerts, and when to list the fleet and judge it next. `FleetWatch.update` moves it; the
/// headless engine and the dashboard drive the same machine.
public struct FleetWatchState: Sendable {
    public var schedule: PollSchedule
    public var observations: FleetObservations
    public var history: FleetHistory
    public var alerts: AlertBook
    public private(set) var inventory = FleetInventory(chutes: [])
    /// The latest judgement (nil until the first).
    public internal(set) var picture: FleetPicture?
    /// The banner's totals of that judgement.
    public internal(set) var totals = FleetTotals()
    /// The alerts in display order, sorted when they change (not per frame).
    public internal(set) var alertList: [Alert] = []
    /// Where each chute sits in the picture.
    var chuteIndex: [String: Int] = [:]
    /// What changed over time: breaker spans, probe history, poll errors, the event log.
    public var timeline = FleetTimeline()
    /// The production-readiness evidence per chute (FleetWatch feeds it readings, listings and
    /// judgements; log streams add lines through `observeLog`).
    public internal(set) var review = FleetReview()
    /// The work the source plans (per instance, fleet-wide).
    public let plan: ReadingPlan
    public var concurrency: Int
    public var discoveryInterval: Double
    public var judgeInterval: Double
    /// How often Alertmanager's alerts are read (nil: the context has no Alertmanager).
    public var alertmanagerInterval: Double?
    /// Alertmanager's active alerts as last read, and its problem while reads fail.
    public internal(set) var alertmanager = AlertmanagerAlerts()
    var readingAlertmanager = false
    var nextAlertmanagerRead = -Double.infinity
    public internal(set) var scrapes = 0
    public internal(set) var failedPolls = 0
    /// Per chute, the step its charts were last filled at from the source's history.
    var backfilledSteps: [String: Double] = [:]
    var backfilledFleet = false
    /// Why the last history request (partly) failed; nil when it worked.
    public internal(set) var historyProblem: String?
    var inFlight = 0
    var listing = false
    var nextDiscovery = -Double.infinity
    var nextJudgement: Double?
    var random: JitterSource

    public init(settings: PollSettings, names: MetricNames, rules: [AlertRule], discoveryInterval: Double = 10,
                judgeInterval: Double? = nil, seed: UInt64 = 0x5EED, plan: ReadingPlan = .everyInstance,
                alertmanagerInterval: Double? = nil) {
        self.plan = plan
        self.alertmanagerInterval = alertmanagerInterval
        schedule = PollSchedule(settings)
        observations = FleetObservations(intervals: plan.effective(settings.intervals), rateRange: .window(settings.rateWindow), names: names,
                                         gpuUnseen: plan.gpuUnseen)
        history = FleetHistory(resolution: max(0.1, settings.intervals.metrics))
        alerts = AlertBook(rules: rules)
        concurrency = settings.concurrency
        self.discoveryInterval = discoveryInterval
        self.judgeInterval = judgeInterval ?? max(1, settings.intervals.metrics)
        random = JitterSource(seed: seed)
    }

    mutating func take(_ inventory: FleetInventory) { self.inventory = inventory }

    /// A log line of an instance, read at `at`, as evidence for the readiness review.
    public mutating func observeLog(_ entry: LogEntry, of key: InstanceKey, at: Double) {
        review.observe(log: entry, of: key, at: at)
    }

    /// A chute's readiness review as the evidence stands. `logsSettledBy`: what would bring
    /// log lines (the dashboard reads them only in its logs view).
    public func review(chute: String, logsSettledBy: String = "a log line of the chute") -> ChuteReview {
        review.review(chute: chute, context: reviewContext(chute: chute, logsSettledBy: logsSettledBy))
    }

    func reviewContext(chute: String, logsSettledBy: String) -> ReviewContext {
        let latency = alerts.rules.contains { rule in
            guard rule.chutes.isEmpty || rule.chutes.contains(chute) else { return false }
            switch rule.condition {
            case .p95Above, .timeToFirstTokenP95Above, .coldStartAbove: return true
            default: return false
            }
        }
        return ReviewContext(unseen: plan.reviewUnseen, gpuUnseen: plan.gpuUnseen, latencyAlerts: latency, logsSettledBy: logsSettledBy)
    }
}

/// Uniform numbers in [0, 1) for jitter, from a seed kept in the state (so `update` stays pure
/// and repeatable).
struct JitterSource: Sendable {
    private var x: UInt64

    init(seed: UInt64) { x = seed | 1 }

    mutating func next() -> Double {
        x ^= x << 13
        x ^= x >> 7
        x ^= x << 17
        return Double(x >> 11) / Double(1 << 53)
    }
}
