import Monitoring
import TerminalUI

extension FleetDashboard {
    /// A key with no overlay open: looked up in the key map for the current view.
    static func handleKey(_ s: inout FleetDashboardState, _ key: Key) -> [Effect] {
        guard let action = s.keyMap.action(for: key, in: s.page.scope) else { return [] }
        s.message = ""
        let pageRows = max(1, s.size.height - 8)
        switch action {
        case .quit: return [.quit(status: 0)]
        case .help: s.overlay = .help
        case .palette: s.overlay = .palette(CommandPalette(commands: CommandTable.paletteCommands(s), history: s.paletteHistory))
        case .alerts: return s.page == .alerts ? [] : jump(to: .alerts, &s)
        case .audit: return s.page == .audit ? [] : jump(to: .audit, &s) + [.perform(.loadAudit)]
        case .actions: openActionMenu(&s)
        case .back: return back(&s)
        case .up: move(&s, by: -1)
        case .down: move(&s, by: 1)
        case .pageUp: move(&s, by: -pageRows)
        case .pageDown: move(&s, by: pageRows)
        case .top: move(&s, by: -Int(Int32.max))
        case .bottom: move(&s, by: Int(Int32.max))
        case .open: return openSelection(&s)
        case .logs: return openLogs(&s)
        case .filter: s.overlay = .filter(TextInput(prompt: "/", text: s.filterText), previous: s.filterText)
        case .faultedOnly:
            s.overview.faultedOnly.toggle()
            s.message = s.overview.faultedOnly ? "showing only chutes with a fault" : "showing every chute"
        case .sortName, .sortReady, .sortGPU, .sortRate, .sortErrors, .sortP95, .sortBreakers:
            s.overview.sort(by: action.sortColumn!)
        case .rawMetrics: return openRawMetrics(&s)
        case .findFamily:
            if case .metrics = s.page { s.overlay = .findFamily(TextInput(prompt: "family: ", text: s.familyQuery)) }
        case .follow:
            s.logs.follow.toggle()
            if s.logs.follow { s.logs.selected = nil }
            s.message = s.logs.follow ? "following new lines" : "follow off"
        case .wrap: s.logs.wrap.toggle()
        case .search: s.overlay = .search(TextInput(prompt: "search: ", text: s.logs.search ?? ""))
        case .nextMatch, .previousMatch:
            if !s.logs.jumpToMatch(forward: action == .nextMatch) {
                s.message = s.logs.search.map { "no line matches '\($0)'" } ?? "no search (press \(s.keyMap.keys(.search)))"
            }
        case .level:
            s.logs.cycleLevel()
            s.message = "level: " + (s.logs.minimumLevel.map { $0.name + " and above" } ?? "all")
        case .requestFocus:
            if !s.logs.toggleRequestFocus() { s.message = "the selected line has no request id" }
            else { s.message = s.logs.requestFocus.map { "request \($0): every line of it" } ?? "every request" }
        case .acknowledge, .snooze:
            let alerts = s.alertList
            guard s.page == .alerts, alerts.indices.contains(s.selectedAlert) else { return [] }
            let alert = alerts[s.selectedAlert]
            let verb = action == .snooze ? "Snooze 1h" : "Acknowledge"
            s.overlay = .alertNote(TextInput(prompt: "\(verb) \(alert.rule) on \(alert.chute) - note: ", text: s.alertNotes[alert.id] ?? ""),
                                   alertID: alert.id, snooze: action == .snooze)
        }
        return []
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
            s.selectedAlert = step(s.selectedAlert, count: s.alertList.count) ?? 0
        case .audit:
            s.selectedAudit = step(s.selectedAudit, count: s.auditTrail.count) ?? 0
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
        case .instance, .metrics, .logs, .audit:
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
        case .logs, .alerts, .audit: return []
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
