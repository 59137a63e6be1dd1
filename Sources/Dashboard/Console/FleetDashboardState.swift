import FleetEngine
import Monitoring
import TerminalUI

/// Everything the dashboard shows and remembers, as one value: the fleet watch (polling,
/// observations, history, alerts), what changed over time, which view is open and what is
/// selected in each, the logs buffer, the raw-metrics page, the open overlay and the theme.
public struct FleetDashboardState: Sendable {
    public enum Overlay: Sendable {
        case help
        case filter(TextInput, previous: String)
        case palette(CommandPalette)
        case search(TextInput)
        case findFamily(TextInput)
        case alertNote(TextInput, alertID: String, snooze: Bool)
        /// A note for the timeline, on a chute (empty: the fleet) or an instance.
        case note(TextInput, chute: String, instance: String?)
        case action(ActionFlow)
    }

    public struct Context: Sendable {
        public var name: String
        public var source: String
        public var readOnly: Bool
        public var production: Bool
        /// Confirming an action needs the chute's name typed.
        public var protected: Bool
        /// `--dry-run`: actions show their request and send nothing.
        public var dryRun: Bool
        public var controlAPI: String?
        /// The context's Alertmanager (where silences go), if any.
        public var alertmanager: String?
        /// Who asks, written into a silence's `createdBy` (user@host).
        public var operatorName: String
        public init(name: String, source: String, readOnly: Bool, production: Bool, protected: Bool = false,
                    dryRun: Bool = false, controlAPI: String? = nil, alertmanager: String? = nil, operatorName: String = "chutetop") {
            self.alertmanager = alertmanager
            self.operatorName = operatorName
            self.name = name
            self.source = source
            self.readOnly = readOnly
            self.production = production
            self.protected = protected
            self.dryRun = dryRun
            self.controlAPI = controlAPI
        }
    }

    public var context: Context
    /// The engine (polling, observations, judgement); views read `fleet`, never this.
    public var watch: FleetWatchState
    /// What views are drawn from: the engine's read model, made per frame (never stored, so
    /// the engine's state is not shared when it next changes).
    public var fleet: FleetReadModel { watch.readModel }
    public var keyMap: KeyMap
    public private(set) var pages: [DashboardPage] = [.overview]
    public var overview = OverviewOrder() { didSet { refreshRows() } }
    public var filterText = ""
    /// The selected chute in the overview, by name (survives re-sorting).
    public var selectedChute: String?
    /// The selected instance in the chute view, by id.
    public var selectedInstance: String?
    public var selectedAlert = 0
    public var selectedFamily = 0
    public var familyQuery = ""
    public var logs = LogBuffer()
    public var logStream = 0
    public var rawMetrics: [InstanceKey: Result<RawMetricsPage, RawMetricsFailure>] = [:]
    public var alertNotes: [String: String] = [:]
    /// The persisted timeline's bookkeeping, the incident open now, the timeline view's filters.
    public var journal = TimelineJournal()
    /// Built-in actions of the source and the config's runbooks (none offered when read-only).
    public var actions: [RunbookAction] = []
    /// Values for `{{env.NAME}}` in runbook templates (only the names runbooks use).
    public var secrets: [String: String] = [:]
    public internal(set) var actionsInFlight: Set<PreparedAction.Target> = []
    public internal(set) var watches: [ActionWatch] = []
    public internal(set) var auditTrail: [AuditRecord] = []
    public var selectedAudit = 0
    public var overlay: Overlay?
    public var message = ""
    /// Lines the help overlay is scrolled past (j/k while it is open).
    public var helpScroll = 0
    public var glyphs: GlyphSet
    public var themes: [Theme]
    public var themeIndex: Int
    /// Contexts a `:context` command may switch to; the shell restarts on `switchTo`.
    public var contexts: [String]
    public var switchTo: String?
    public var paletteHistory: [String] = []
    /// Seconds since the epoch, from the last wake-up or poll.
    public var now: Double
    /// Moves whenever a message changed what is shown (a new judgement, a new second for the
    /// ages, log lines, a metrics page); poll results alone do not redraw.
    public internal(set) var revision = 0
    /// While a session is recorded: every message handed to the engine since the shell last
    /// took them (`FleetDashboardState+Journal`); nil when not recording.
    public var engineJournal: [FleetWatchMessage]?
    /// Set by a replay: notes and incidents are refused (the next move of the tape would drop
    /// them, and nothing of a replay is written to the context's timeline).
    public var replaying = false
    /// The latest terminal size (for page-sized moves).
    public var size = Size(width: 80, height: 24)

    public init(context: Context, watch: FleetWatchState, keyMap: KeyMap, glyphs: GlyphSet = .unicode,
                themes: [Theme] = Theme.builtin, themeIndex: Int = 0, contexts: [String] = [], now: Double) {
        precondition(!themes.isEmpty)
        self.context = context
        self.watch = watch
        self.keyMap = keyMap
        self.glyphs = glyphs
        self.themes = themes
        self.themeIndex = min(max(0, themeIndex), themes.count - 1)
        self.contexts = contexts
        self.now = now
        refresh()
    }

    public var page: DashboardPage { pages.last! }
    public var theme: Theme { themes[themeIndex] }
    public var picture: FleetPicture? { fleet.picture }

    mutating func push(_ page: DashboardPage) { pages.append(page) }
    mutating func pop() -> DashboardPage? { pages.count > 1 ? pages.removeLast() : nil }

    /// The overview's rows (filtered, faulted-only if asked, sorted), every alert in order, and
    /// the banner's totals: worked out when the picture, the order or an alert changes, not
    /// per frame (`refresh`).
    public private(set) var overviewRows: [FleetPicture.Chute] = []
    public var alertList: [Alert] { fleet.alerts }
    /// Alertmanager's active alerts as last read (empty without one).
    public var alertmanagerAlerts: [AlertmanagerAlert] { fleet.alertmanager?.alerts ?? [] }
    /// chutetop's alerts and Alertmanager's firing alerts that name a chute (`chute` label),
    /// as alerts of that chute: what the overview's status and faulted-only read.
    public private(set) var chuteAlerts: [Alert] = []
    /// The alerts view's rows: chutetop's alerts, then Alertmanager's.
    public var alertRowCount: Int { alertList.count + alertmanagerAlerts.count }
    /// The Alertmanager alert selected in the alerts view, if the selection is one.
    public var selectedAlertmanagerAlert: AlertmanagerAlert? {
        let k = selectedAlert - alertList.count
        let list = alertmanagerAlerts
        return page == .alerts && list.indices.contains(k) ? list[k] : nil
    }
    public var totals: FleetTotals { fleet.totals }

    /// The selected alerts-view row's alert: a chutetop alert's id, or an Alertmanager alert's
    /// fingerprint (nil: no row is selected).
    var selectedAlertRow: String? {
        let own = alertList
        if own.indices.contains(selectedAlert) { return own[selectedAlert].id }
        let external = alertmanagerAlerts, k = selectedAlert - own.count
        return external.indices.contains(k) ? "alertmanager " + external[k].fingerprint : nil
    }

    /// Selects `row`'s alert wherever it now is; when it is gone, the row now in its place
    /// (the last row when the list got shorter).
    mutating func keepAlertSelection(on row: String) {
        if let i = alertList.firstIndex(where: { $0.id == row }) {
            selectedAlert = i
        } else if let k = alertmanagerAlerts.firstIndex(where: { "alertmanager " + $0.fingerprint == row }) {
            selectedAlert = alertList.count + k
        } else {
            selectedAlert = max(0, min(selectedAlert, alertRowCount - 1))
        }
    }

    /// After a judgement, an acknowledgement or a snooze: the overview's rows (faulted-only
    /// reads the firing alerts).
    public mutating func refresh() {
        refreshRows()
    }

    private mutating func refreshRows() {
        chuteAlerts = alertList + alertmanagerAlerts.compactMap(\.asChuteAlert)
        overviewRows = overview.apply(picture?.chutes ?? [], firingAlerts: chuteAlerts)
    }

    public func chute(_ name: String) -> FleetPicture.Chute? { fleet.chute(name) }

    public func instance(_ key: InstanceKey) -> FleetPicture.Instance? { fleet.instance(key) }

    /// The raw-metrics families matching the query.
    public func families(of key: InstanceKey) -> [RawMetricsPage.Family] {
        guard case .success(let page)? = rawMetrics[key] else { return [] }
        let q = familyQuery.lowercased()
        return q.isEmpty ? page.families : page.families.filter { $0.name.lowercased().contains(q) }
    }
}
