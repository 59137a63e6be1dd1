import FleetEngine
import Monitoring

/// The whole configuration file: contexts, one of which is used (`--context`, else
/// `defaultContext`, else the first).
public struct ChutetopConfig: Sendable {
    public var defaultContext: String?
    public var contexts: [ContextConfig]
    /// Where it was read from (for messages); nil for the built-in demo configuration.
    public var file: String?
    /// The dashboard's keys (`keys:`), defaults unless rebound.
    public var keyMap: KeyMap = try! KeyMap()
    /// Every context read-only (`readOnly:` at the top; `--write` overrides).
    public var readOnly = false
    /// Custom runbooks from `runbooks:` and the `runbooks/` directory beside the file.
    public var runbooks: [RunbookAction] = []
    /// The dashboard takes the mouse (`mouse:`; `--no-mouse` overrides).
    public var mouse = true

    public init(defaultContext: String? = nil, contexts: [ContextConfig], file: String? = nil) {
        self.defaultContext = defaultContext
        self.contexts = contexts
        self.file = file
    }

    /// The named context, or the default one.
    public func context(_ name: String?) throws(ConfigError) -> ContextConfig {
        let wanted = name ?? defaultContext
        guard let wanted else {
            guard let first = contexts.first else { throw ConfigError(file: file, message: "no contexts defined") }
            return first
        }
        if let c = contexts.first(where: { $0.name == wanted }) { return c }
        let names = contexts.map(\.name)
        throw ConfigError(file: file, key: "context", message: "no context named '\(wanted)' (have: \(names.joined(separator: ", ")))",
                          suggestion: Suggestion.nearest(to: wanted, among: names))
    }
}

/// One place chutetop can watch: its sources and how to watch it.
public struct ContextConfig: Sendable {
    public var name: String
    /// The inventory source: lists the chutes and instances, their scaling figures, and offers
    /// and performs the actions (`source:`, or `sources.inventory`).
    public var source: SourceConfig
    /// Reads the health, readiness, metrics and logs of the instances `source` lists
    /// (`sources.metrics`); nil when `source` reads them too.
    public var metricsSource: SourceConfig?
    /// No mutating action is offered or performed.
    public var readOnly: Bool
    public var theme: String?
    /// A production context wears a red banner in the dashboard.
    public var production: Bool = false
    /// Confirming an action here needs the chute's name typed.
    public var protected: Bool = false
    public var poll: PollSettings
    public var metricNames: MetricNames
    public var alertRules: [AlertRule]
    /// Alertmanager, whose alerts are shown beside chutetop's and which takes silences.
    public var alertmanager: AlertmanagerConfig?

    public init(name: String, source: SourceConfig, metricsSource: SourceConfig? = nil, readOnly: Bool = false, theme: String? = nil,
                poll: PollSettings = PollSettings(), metricNames: MetricNames = .standard, alertRules: [AlertRule] = AlertRule.defaults) {
        self.name = name
        self.source = source
        self.metricsSource = metricsSource
        self.readOnly = readOnly
        self.theme = theme
        self.poll = poll
        self.metricNames = metricNames
        self.alertRules = alertRules
    }
}

/// Where a context's data comes from.
public enum SourceConfig: Sendable, Hashable {
    case direct(DirectSourceConfig)
    case simulator(SimulatorSourceConfig)
    case prometheus(PrometheusSourceConfig)
    case chutes(ChutesSourceConfig)

    public var kind: String {
        switch self {
        case .chutes: "chutes"
        case .direct: "direct"
        case .simulator: "simulator"
        case .prometheus: "prometheus"
        }
    }

    /// The credential the source is read with, if any (never the secret: where it comes from).
    /// The Chutes platform's API key resolves like any secret; the header's scheme is the
    /// source's own (`ChutesSourceConfig.scheme`).
    public var credentials: CredentialSpec? {
        switch self {
        case .direct(let d): d.credentials
        case .prometheus(let p): p.credentials
        case .chutes(let c): CredentialSpec(scheme: .bearer, secret: c.key)
        case .simulator: nil
        }
    }
}

/// The in-process simulated fleet (served on an ephemeral loopback port, then read exactly as
/// a `direct` source reads real chutes).
public struct SimulatorSourceConfig: Sendable, Hashable {
    public var scenario: String?
    public var seed: UInt64
    public var chutes: Int

    /// `chutes`: the default fleet is the simulator catalog's ten (the last built without the
    /// production-readiness checklist).
    public init(scenario: String? = nil, seed: UInt64 = 1, chutes: Int = 10) {
        self.scenario = scenario
        self.seed = seed
        self.chutes = chutes
    }
}
