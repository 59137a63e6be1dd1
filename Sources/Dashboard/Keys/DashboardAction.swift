/// Everything a key can do in the dashboard. `CommandTable` says, per action, its default keys,
/// where they are read, what help says and whether the status line hints at it; the config may
/// rebind the keys (`KeyMap`).
public enum DashboardAction: String, Sendable, CaseIterable, Hashable {
    // anywhere
    case quit, help, back, open, up, down, pageUp, pageDown, top, bottom, palette, alerts, logs, actions, audit, timeline, note
    // overview
    case filter, faultedOnly, columns, sortName, sortReady, sortGPU, sortRate, sortErrors, sortP95, sortBreakers
    // instance detail
    case rawMetrics, findFamily
    // logs
    case follow, wrap, search, nextMatch, previousMatch, level, requestFocus
    // alerts
    case acknowledge, snooze
    // timeline
    case timelineKind, timelineChute

    /// Where an action's key is read. A key may be bound once per scope; `everywhere` keys
    /// may not be reused in any scope.
    public enum Scope: String, Sendable, CaseIterable {
        case everywhere, overview, instance, logs, alerts, timeline
    }

    /// Where this action's keys are read (from its row of the command table).
    public var scope: Scope { CommandTable.entry(for: self).scope }

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
