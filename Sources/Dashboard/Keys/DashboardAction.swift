/// Everything a key can do in the dashboard, with where it applies and what help says of it.
/// One table (`KeyMap.defaults`) binds keys to these; the config may rebind them.
public enum DashboardAction: String, Sendable, CaseIterable, Hashable {
    // anywhere
    case quit, help, back, open, up, down, pageUp, pageDown, top, bottom, palette, alerts, logs, actions, audit
    // overview
    case filter, faultedOnly, sortName, sortReady, sortGPU, sortRate, sortErrors, sortP95, sortBreakers
    // instance detail
    case rawMetrics, findFamily
    // logs
    case follow, wrap, search, nextMatch, previousMatch, level, requestFocus
    // alerts
    case acknowledge, snooze

    /// Where an action's key is read. A key may be bound once per scope; `everywhere` keys
    /// may not be reused in any scope.
    public enum Scope: String, Sendable, CaseIterable {
        case everywhere, overview, instance, logs, alerts
    }

    public var scope: Scope {
        switch self {
        case .quit, .help, .back, .open, .up, .down, .pageUp, .pageDown, .top, .bottom, .palette, .alerts, .logs, .actions, .audit: .everywhere
        case .filter, .faultedOnly, .sortName, .sortReady, .sortGPU, .sortRate, .sortErrors, .sortP95, .sortBreakers: .overview
        case .rawMetrics, .findFamily: .instance
        case .follow, .wrap, .search, .nextMatch, .previousMatch, .level, .requestFocus: .logs
        case .acknowledge, .snooze: .alerts
        }
    }

    /// What the help overlay says.
    public var summary: String {
        switch self {
        case .quit: "quit (the terminal is restored)"
        case .help: "this help"
        case .back: "back to the previous view"
        case .open: "open the selected row"
        case .up: "move up"
        case .down: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "first row"
        case .bottom: "last row"
        case .palette: "command palette (tab completes, up/down history)"
        case .alerts: "alerts view"
        case .logs: "logs of the selected chute or instance"
        case .actions: "actions on the selected chute or instance (confirmed; none when read-only)"
        case .audit: "audit log of actions"
        case .filter: "filter: text, !text, err>1 gpu>90 p95>2s rps<5 ready<1 breaker=open"
        case .faultedOnly: "show only chutes with a fault"
        case .sortName: "sort by name (again: reverse)"
        case .sortReady: "sort by ready instances"
        case .sortGPU: "sort by GPU utilisation"
        case .sortRate: "sort by requests/s"
        case .sortErrors: "sort by error %"
        case .sortP95: "sort by p95 latency"
        case .sortBreakers: "sort by breakers not closed"
        case .rawMetrics: "raw metrics browser"
        case .findFamily: "find metric families by name (raw metrics)"
        case .follow: "follow new lines on/off"
        case .wrap: "wrap long lines on/off"
        case .search: "search (matches highlighted, nothing hidden)"
        case .nextMatch: "next match"
        case .previousMatch: "previous match"
        case .level: "minimum level: all, debug, info, warn, error"
        case .requestFocus: "only lines of the selected line's request id (again: all)"
        case .acknowledge: "acknowledge the selected alert, with a note"
        case .snooze: "snooze the selected alert for 1h, with a note"
        }
    }

    /// The overview column a sort action orders by.
    public var sortColumn: OverviewOrder.Column? {
        switch self {
        case .sortName: .name
        case .sortReady: .ready
        case .sortGPU: .gpu
        case .sortRate: .rps
        case .sortErrors: .err
        case .sortP95: .p95
        case .sortBreakers: .breakers
        default: nil
        }
    }
}
