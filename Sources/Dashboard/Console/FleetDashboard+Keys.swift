import Monitoring
import TerminalUI

extension FleetDashboard {
    /// A key with no overlay open: looked up in the key map for the current view, then done
    /// as the command table says (FleetDashboard+Commands).
    static func handleKey(_ s: inout FleetDashboardState, _ key: Key) -> [Effect] {
        guard let action = s.keyMap.action(for: key, in: s.page.scope) else { return [] }
        return perform(.action(action), "", &s)
    }

    /// Moves the current view's selection; clamps at the ends.
    static func move(_ s: inout FleetDashboardState, by delta: Int) {
        func step(_ index: Int?, count: Int) -> Int? {
            guard count > 0 else { return nil }
            let i = index ?? (delta > 0 ? -1 : count)
            return max(0, min(count - 1, i &+ delta))
        }
        switch s.page {
        case .overview:
            let rows = s.overviewRows
            if let i = step(rows.firstIndex { $0.name == s.selectedChute }, count: rows.count) { s.selectedChute = rows[i].name }
        case .chute(let name):
            let instances = s.chute(name)?.instances ?? []
            if let i = step(instances.firstIndex { $0.id == s.selectedInstance }, count: instances.count) { s.selectedInstance = instances[i].id }
        case .metrics(let key):
            s.selectedFamily = step(s.selectedFamily, count: s.families(of: key).count) ?? 0
        case .logs:
            if delta >= Int(Int32.max) {
                s.logs.follow = true
                s.logs.selected = nil
            } else {
                s.logs.move(by: delta)
            }
        case .alerts:
            s.selectedAlert = step(s.selectedAlert, count: s.alertRowCount) ?? 0
        case .audit:
            s.selectedAudit = step(s.selectedAudit, count: s.auditTrail.count) ?? 0
        case .timeline(let chute):
            s.journal.selected = step(s.journal.selected, count: timelineEntries(s, chute: chute, kind: s.journal.kind).count) ?? 0
        case .instance:
            break
        }
    }

    static func openSelection(_ s: inout FleetDashboardState) -> [Effect] {
        switch s.page {
        case .overview:
            let rows = s.overviewRows
            guard let name = s.selectedChute ?? rows.first?.name, rows.contains(where: { $0.name == name }) else { return [] }
            s.selectedChute = name
            return open(.chute(name), &s)
        case .chute(let name):
            guard let id = s.selectedInstance else { return [] }
            return open(.instance(InstanceKey(chute: name, instance: id)), &s)
        case .alerts:
            if let external = s.selectedAlertmanagerAlert {
                guard let chute = external.chute, s.chute(chute) != nil else {
                    s.message = "\(external.name) names no chute in this fleet (x: silence it)"
                    return []
                }
                s.selectedChute = chute
                return open(.chute(chute), &s)
            }
            let alerts = s.alertList
            guard alerts.indices.contains(s.selectedAlert) else { return [] }
            let a = alerts[s.selectedAlert]
            guard s.chute(a.chute) != nil else {
                s.message = "\(a.chute) is no longer in the fleet"
                return []
            }
            s.selectedChute = a.chute
            if let id = a.instance, s.instance(InstanceKey(chute: a.chute, instance: id)) != nil {
                s.selectedInstance = id
                return open(.chute(a.chute), &s) + open(.instance(InstanceKey(chute: a.chute, instance: id)), &s)
            }
            return open(.chute(a.chute), &s)
        case .instance, .metrics, .logs, .audit, .timeline:
            return []
        }
    }

    static func openLogs(_ s: inout FleetDashboardState) -> [Effect] {
        switch s.page {
        case .overview:
            guard let name = s.selectedChute ?? s.overviewRows.first?.name else { return [] }
            return open(.logs(.chute(name)), &s)
        case .chute(let name): return open(.logs(.chute(name)), &s)
        case .instance(let key), .metrics(let key): return open(.logs(.instance(key)), &s)
        case .logs, .alerts, .audit, .timeline: return []
        }
    }

    static func openRawMetrics(_ s: inout FleetDashboardState) -> [Effect] {
        switch s.page {
        case .instance(let key): return open(.metrics(key), &s)
        case .chute(let name):
            guard let id = s.selectedInstance else { return [] }
            return open(.metrics(InstanceKey(chute: name, instance: id)), &s)
        default: return []
        }
    }
}
