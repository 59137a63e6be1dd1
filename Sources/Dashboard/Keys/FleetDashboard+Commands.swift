import Monitoring
import TerminalUI

extension FleetDashboard {
    /// Carries out a row of the command table, whether a key or the palette asked for it, so
    /// both do the same. `argument` is the palette's text after the command's word.
    static func perform(_ command: ConsoleCommand, _ argument: String, _ s: inout FleetDashboardState) -> [Effect] {
        s.message = ""
        switch command {
        case .action(let action):
            return perform(action, &s)
        case .overview:
            return jump(to: .overview, &s)
        case .sort:
            guard let column = OverviewOrder.Column(rawValue: argument) else {
                s.message = "sort by: " + OverviewOrder.Column.allCases.map(\.rawValue).joined(separator: ", ")
                return []
            }
            return sort(by: column, &s)
        case .filter:
            applyFilter(argument, &s, final: true)
            return showOverview(&s)
        case .theme:
            if let i = s.themes.firstIndex(where: { $0.paletteWord == argument }) {
                s.themeIndex = i
                s.message = "theme: \(s.theme.name)"
            } else {
                s.message = "themes: " + s.themes.map(\.paletteWord).joined(separator: ", ")
            }
            return []
        case .context:
            guard s.contexts.contains(argument), argument != s.context.name else {
                s.message = s.contexts.count > 1 ? "contexts: \(s.contexts.joined(separator: ", "))" : "only one context is configured"
                return []
            }
            s.switchTo = argument
            return [.perform(.stopLogs), .quit(status: 0)]
        case .note:
            if argument.isEmpty { startNote(&s) } else {
                let (chute, instance) = noteTarget(s)
                addNote(argument, chute: chute, instance: instance, &s)
            }
            return []
        case .incident:
            return incidentCommand(argument, &s)
        }
    }

    private static func perform(_ action: DashboardAction, _ s: inout FleetDashboardState) -> [Effect] {
        let pageRows = max(1, s.size.height - 8)
        switch action {
        case .quit: return [.quit(status: 0)]
        case .help:
            s.overlay = .help
            s.helpScroll = 0
        case .palette: s.overlay = .palette(CommandPalette(commands: CommandTable.paletteCommands(s), history: s.paletteHistory))
        case .alerts: return s.page == .alerts ? [] : jump(to: .alerts, &s)
        case .audit: return s.page == .audit ? [] : jump(to: .audit, &s) + [.perform(.loadAudit)]
        case .timeline: return openTimeline(&s)
        case .note: startNote(&s)
        case .timelineKind: cycleTimelineKind(&s)
        case .timelineChute: return toggleTimelineChute(&s)
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
        case .columns:
            s.overview.columnSet = s.overview.columnSet.next
            s.message = s.overview.columnSet.description
            return showOverview(&s)
        case .faultedOnly:
            s.overview.faultedOnly.toggle()
            s.message = s.overview.faultedOnly ? "showing only chutes with a fault" : "showing every chute"
            return showOverview(&s)
        case .sortName, .sortReady, .sortGPU, .sortRate, .sortErrors, .sortP95, .sortBreakers:
            return sort(by: action.sortColumn!, &s)
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
            if s.selectedAlertmanagerAlert != nil {
                s.message = "Alertmanager's alerts are silenced at Alertmanager, not acknowledged here: press \(s.keyMap.keys(.actions)) to silence"
                return []
            }
            let alerts = s.alertList
            guard s.page == .alerts, alerts.indices.contains(s.selectedAlert) else { return [] }
            let alert = alerts[s.selectedAlert]
            let verb = action == .snooze ? "Snooze 1h" : "Acknowledge"
            s.overlay = .alertNote(TextInput(prompt: "\(verb) \(alert.rule) on \(alert.chute) - note: ", text: s.alertNotes[alert.id] ?? ""),
                                   alertID: alert.id, snooze: action == .snooze)
        }
        return []
    }

    /// Sorts the overview (the sort keys, `sort COLUMN`) and shows it.
    private static func sort(by column: OverviewOrder.Column, _ s: inout FleetDashboardState) -> [Effect] {
        s.overview.sort(by: column)
        return showOverview(&s)
    }

    /// After changing the overview's order or filter from another view: back to the overview.
    private static func showOverview(_ s: inout FleetDashboardState) -> [Effect] {
        s.page == .overview ? [] : jump(to: .overview, &s)
    }
}
