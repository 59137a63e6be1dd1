import TerminalUI

extension FleetDashboard {
    /// Rows one wheel step moves the selection (tables) or the log by.
    static let wheelStep = 3

    /// A click selects the row under it, a double-click opens it (as enter does), a click on a
    /// crumb of the title goes back to that view, a click on a key hint does what its key
    /// does, and the wheel moves the current view's selection (the log's too), scrolling it.
    /// The zones are those of the frame on screen (ScreenZone), topmost first.
    static func handlePointer(_ s: inout FleetDashboardState, _ event: MouseEvent, zones: [ScreenZone]) -> [Effect] {
        switch event.kind {
        case .wheelUp:
            move(&s, by: -wheelStep)
            return []
        case .wheelDown:
            move(&s, by: wheelStep)
            return []
        case .click, .doubleClick:
            guard let zone = zones.first(where: { DashboardZone(rawValue: $0.name) != nil }) else { return [] }
            switch DashboardZone(rawValue: zone.name)! {
            case .crumb:
                var effects: [Effect] = []
                while s.pages.count > zone.index + 1 { effects += back(&s) }
                return effects
            case .hint:
                let hinted = CommandTable.hintedActions(for: s.page, keyMap: s.keyMap, readOnly: s.context.readOnly)
                guard hinted.indices.contains(zone.index) else { return [] }
                return perform(.action(hinted[zone.index].action), "", &s)
            case let table:
                guard select(row: zone.index, of: table, &s) else { return [] }
                return event.kind == .doubleClick ? openSelection(&s) : []
            }
        }
    }

    /// Selects row `index` of the view's table; false when the row is gone (the frame on screen
    /// was drawn before the fleet changed) or the table is not the current view's.
    private static func select(row index: Int, of table: DashboardZone, _ s: inout FleetDashboardState) -> Bool {
        switch (table, s.page) {
        case (.chutes, .overview):
            let rows = s.overviewRows
            guard rows.indices.contains(index) else { return false }
            s.selectedChute = rows[index].name
        case (.instances, .chute(let name)):
            guard let instances = s.chute(name)?.instances, instances.indices.contains(index) else { return false }
            s.selectedInstance = instances[index].id
        case (.alerts, .alerts):
            guard s.alertList.indices.contains(index) else { return false }
            s.selectedAlert = index
        case (.alertmanagerAlerts, .alerts):
            guard s.alertmanagerAlerts.indices.contains(index) else { return false }
            s.selectedAlert = s.alertList.count + index
        case (.families, .metrics(let key)):
            guard s.families(of: key).indices.contains(index) else { return false }
            s.selectedFamily = index
        case (.audit, .audit):
            guard s.auditTrail.indices.contains(index) else { return false }
            s.selectedAudit = index
        case (.timeline, .timeline(let chute)):
            guard timelineEntries(s, chute: chute, kind: s.journal.kind).indices.contains(index) else { return false }
            s.journal.selected = index
        default:
            return false
        }
        return true
    }
}
