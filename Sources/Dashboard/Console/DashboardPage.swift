import Monitoring

/// The dashboard's views. Opening one pushes it; `back` pops to the one before.
public enum DashboardPage: Sendable, Hashable {
    case overview
    case chute(String)
    case instance(InstanceKey)
    case metrics(InstanceKey)
    case logs(LogScope)
    case alerts
    case audit
    /// The incident timeline, of the whole fleet (nil) or one chute.
    case timeline(String?)

    /// Where this view's keys are read (besides the everywhere keys).
    public var scope: DashboardAction.Scope {
        switch self {
        case .overview: .overview
        case .chute, .instance, .metrics: .instance
        case .logs: .logs
        case .alerts, .audit: .alerts
        case .timeline: .timeline
        }
    }

    public var title: String {
        switch self {
        case .overview: "Fleet"
        case .chute(let name): "Chute \(name)"
        case .instance(let key): "Instance \(key)"
        case .metrics(let key): "Raw metrics \(key)"
        case .logs(.chute(let name)): "Logs \(name) (all instances)"
        case .logs(.instance(let key)): "Logs \(key)"
        case .alerts: "Alerts"
        case .audit: "Audit log"
        case .timeline(nil): "Timeline"
        case .timeline(let chute?): "Timeline \(chute)"
        }
    }
}

/// Whose logs the logs view shows.
public enum LogScope: Sendable, Hashable {
    case chute(String)
    case instance(InstanceKey)
}

/// One log line as it arrived, with the instance it came from.
public struct LogArrival: Sendable, Hashable {
    public var instance: String
    public var entry: LogEntry
    public init(instance: String, entry: LogEntry) {
        self.instance = instance
        self.entry = entry
    }
}

/// One instance's /metrics page as the raw-metrics browser shows it.
public struct RawMetricsPage: Sendable, Hashable {
    public struct Family: Sendable, Hashable {
        public var name: String
        public var type: String
        public var help: String
        /// `series{labels}` and its value, as exposed.
        public var samples: [Sample]
        public init(name: String, type: String, help: String, samples: [Sample]) {
            self.name = name
            self.type = type
            self.help = help
            self.samples = samples
        }
    }

    public struct Sample: Sendable, Hashable {
        public var series: String
        public var value: String
        public init(series: String, value: String) {
            self.series = series
            self.value = value
        }
    }

    public var time: Double
    public var families: [Family]
    /// Lines skipped or flagged, with their line numbers.
    public var issues: [String]

    public init(time: Double, families: [Family], issues: [String]) {
        self.time = time
        self.families = families
        self.issues = issues
    }
}
