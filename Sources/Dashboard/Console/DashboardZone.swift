import TerminalUI

/// The zones the dashboard's views mark on the screen (`Screen.mark`), which mouse clicks are
/// matched against (FleetDashboard+Mouse): the views name them, the update reads them.
public enum DashboardZone: String, Sendable, CaseIterable {
    /// A row of the overview's table (index: the row in `overviewRows`).
    case chutes
    /// A row of the chute view's instances table.
    case instances
    /// A row of chutetop's own alerts, and of Alertmanager's (after them in the selection).
    case alerts, alertmanagerAlerts
    /// A row of the raw-metrics families.
    case families
    /// A row of the audit log.
    case audit
    /// A row of the timeline (index: the row among the entries shown, newest first).
    case timeline
    /// A crumb of the title line (index: its depth in the page stack).
    case crumb
    /// A key hint of the status line (index: its place in `CommandTable.hints`).
    case hint
}
