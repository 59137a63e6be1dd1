import Dashboard
import Monitoring
import TerminalUI

/// The action flow on screen: the menu (unavailable actions shown with their reason, the
/// selected one's in full below the list), the input form with each field's note and any
/// problem wrapped to the box, and the confirmation with exactly what will be sent (Cancel
/// focused), plus the typed chute name in a protected context.
enum ActionOverlay {
    static func draw(_ flow: ActionFlow, _ s: FleetDashboardState, in body: Rect, on screen: inout Screen) {
        switch flow {
        case .menu(let menu):
            let width = min(body.width - 2, 96)
            let chosen = menu.choices[menu.selected]
            let detail = TextFitting.wrap(chosen.name + ": " + (chosen.unsupported.map { "unavailable: \($0)" } ?? chosen.summary), width: width - 2)
            let box = body.centered(Size(width: width, height: min(body.height, menu.choices.count + detail.count + 3)))
            screen.fill(box, role: .dialog)
            let inner = Panel(title: "Actions on \(menu.target)", focused: true, badge: "enter chooses, esc closes").draw(in: box, on: &screen)
            screen.setRole(.dialog, in: inner)
            for (i, a) in menu.choices.enumerated() where i < inner.height {
                let marker = i == menu.selected ? "\(s.glyphs.pointer) " : "  "
                let text = marker + a.name + (a.dangerous ? " (dangerous)" : "") + "  " + (a.unsupported.map { "unavailable: \($0)" } ?? a.summary)
                let role: Role = i == menu.selected ? .selected : (a.unsupported == nil ? .dialog : .muted)
                screen.put(TextFitting.truncate(text, toWidth: inner.width, ellipsis: s.glyphs.ellipsis), x: inner.x, y: inner.y + i, role: role, clip: inner)
            }
            for (n, line) in detail.enumerated() where menu.choices.count + 1 + n < inner.height {
                screen.put(line, x: inner.x + 2, y: inner.y + menu.choices.count + 1 + n, role: chosen.unsupported == nil ? .muted : .warning, clip: inner)
            }
        case .form(let form):
            let width = min(body.width - 2, 80)
            let notes = form.notes.map { TextFitting.wrap($0, width: width - 4) }
            let problem = form.problem.map { TextFitting.wrap($0, width: width - 2) } ?? []
            let rows = form.fields.count + notes.reduce(0) { $0 + $1.count } + problem.count
            let box = body.centered(Size(width: width, height: min(body.height, rows + 3)))
            screen.fill(box, role: .dialog)
            let inner = Panel(title: "\(form.action.name) \(form.target)", focused: true, badge: form.fields.count > 1 ? "tab next, enter goes on, esc cancels" : "enter goes on, esc cancels").draw(in: box, on: &screen)
            screen.setRole(.dialog, in: inner)
            var y = inner.y
            for (i, field) in form.fields.enumerated() where y < inner.maxY {
                field.draw(in: Rect(x: inner.x, y: y, width: inner.width, height: 1), on: &screen)
                if i != form.focus { screen.setRole(.dialog, in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
                y += 1
                for line in i < notes.count ? notes[i] : [] where y < inner.maxY {
                    screen.put("  " + line, x: inner.x, y: y, role: .muted, clip: inner)
                    y += 1
                }
            }
            for line in problem where y < inner.maxY {
                screen.put(line, x: inner.x, y: y, role: .warning, clip: inner)
                y += 1
            }
        case .confirm(let c):
            c.dialog.draw(in: body, on: &screen)
            if let typed = c.typed {
                let row = Rect(x: body.x + 2, y: body.maxY - 3, width: body.width - 4, height: 3)
                screen.fill(row, role: .dialog)
                let inner = Panel(title: "Protected context: type the chute name", focused: true).draw(in: row, on: &screen)
                typed.draw(in: inner, on: &screen)
            }
        }
    }
}
