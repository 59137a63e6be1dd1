import Dashboard
import TerminalUI

/// What is drawn over a view: help with the current view's keys (from the command table), the
/// command palette with its candidates, and the one-line inputs (filter, search, notes).
enum DashboardOverlays {
    static func draw(_ s: FleetDashboardState, in body: Rect, footer: Rect, on screen: inout Screen) {
        switch s.overlay {
        case .help:
            HelpOverlay(title: "Keys: \(s.page.title)", sections: CommandTable.help(for: s.page, keyMap: s.keyMap, replaying: s.replaying), scroll: s.helpScroll).draw(in: body, on: &screen)
        case .palette(let palette):
            let lines = palette.problem.map { [$0] } ?? (palette.candidates.isEmpty ? [] : [palette.candidates.joined(separator: "  ")])
            let names = palette.commands.map(\.name).joined(separator: " ")
            inputBox("Command (tab completes; \(names))", palette.input, extra: lines, problem: palette.problem != nil, in: body, on: &screen)
        case .filter(let input, _):
            inputBox("Filter: text, !text, err>1 gpu>90 p95>2s rps<5 ready<1 breaker=open (enter keeps, esc restores)", input,
                     extra: s.message.isEmpty ? [] : [s.message], problem: !s.message.isEmpty, in: body, on: &screen)
        case .search(let input):
            inputBox("Search the log (highlights; n/N move)", input, extra: [], problem: false, in: body, on: &screen)
        case .findFamily(let input):
            inputBox("Metric families containing", input, extra: [], problem: false, in: body, on: &screen)
        case .alertNote(let input, _, let snooze):
            inputBox(snooze ? "Snooze for 1h (enter confirms, esc cancels)" : "Acknowledge (enter confirms, esc cancels)",
                     input, extra: [], problem: false, in: body, on: &screen)
        case .note(let input, _, _):
            inputBox("Note for the timeline (enter keeps it, esc cancels)", input, extra: [], problem: false, in: body, on: &screen)
        case .action(let flow):
            ActionOverlay.draw(flow, s, in: body, on: &screen)
        case nil:
            break
        }
    }

    private static func inputBox(_ title: String, _ input: TextInput, extra: [String], problem: Bool,
                                 in body: Rect, on screen: inout Screen) {
        let height = 3 + extra.count
        let box = Rect(x: body.x + 1, y: max(body.y, body.maxY - height), width: max(0, body.width - 2), height: min(height, body.height))
        screen.fill(box, role: .dialog)
        let inner = Panel(title: title, focused: true).draw(in: box, on: &screen)
        guard inner.height > 0 else { return }
        input.draw(in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), on: &screen)
        for (n, line) in extra.enumerated() where n + 1 < inner.height {
            screen.put(line, x: inner.x, y: inner.y + 1 + n, role: problem ? .warning : .muted, clip: inner)
        }
    }
}
