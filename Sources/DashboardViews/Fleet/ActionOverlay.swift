import Dashboard
import Monitoring
import TerminalUI

/// The action flow on screen: the menu (unavailable actions shown with their reason), the
/// input form, and the confirmation with exactly what will be sent (Cancel focused), plus the
/// typed chute name in a protected context.
enum ActionOverlay {
    static func draw(_ flow: ActionFlow, _ s: FleetDashboardState, in body: Rect, on screen: inout Screen) {
        switch flow {
        case .menu(let menu):
            let box = body.centered(Size(width: min(body.width - 2, 96), height: min(body.height, menu.choices.count + 3)))
            screen.fill(box, role: .dialog)
            let inner = Panel(title: "Actions on \(menu.target)", focused: true, badge: "enter chooses, esc closes").draw(in: box, on: &screen)
            screen.setRole(.dialog, in: inner)
            for (i, a) in menu.choices.enumerated() where i < inner.height {
                let marker = i == menu.selected ? "\(s.glyphs.pointer) " : "  "
                let text = marker + a.name + (a.dangerous ? " (dangerous)" : "") + "  " + (a.unsupported.map { "unavailable: \($0)" } ?? a.summary)
                let role: Role = i == menu.selected ? .selected : (a.unsupported == nil ? .dialog : .muted)
                screen.put(TextFitting.truncate(text, toWidth: inner.width, ellipsis: s.glyphs.ellipsis), x: inner.x, y: inner.y + i, role: role, clip: inner)
            }
        case .form(let form):
            let box = body.centered(Size(width: min(body.width - 2, 80), height: min(body.height, form.fields.count * 2 + 4)))
            screen.fill(box, role: .dialog)
            let inner = Panel(title: "\(form.action.name) \(form.target)", focused: true, badge: "tab next, enter on the last goes on, esc cancels").draw(in: box, on: &screen)
            screen.setRole(.dialog, in: inner)
            var y = inner.y
            for (i, (field, input)) in zip(form.fields, form.action.inputs).enumerated() where y + 1 < inner.maxY {
                field.draw(in: Rect(x: inner.x, y: y, width: inner.width, height: 1), on: &screen)
                if i != form.focus { screen.setRole(.dialog, in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
                screen.put("  " + (input.help.isEmpty ? describe(input.kind) : "\(input.help) (\(describe(input.kind)))"), x: inner.x, y: y + 1, role: .muted, clip: inner)
                y += 2
            }
            if let p = form.problem, y < inner.maxY { screen.put(p, x: inner.x, y: y, role: .warning, clip: inner) }
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

    static func describe(_ kind: ActionInput.Kind) -> String {
        switch kind {
        case .integer(let lo, let hi): "a whole number \(lo)-\(hi)"
        case .text(let n): "text, up to \(n) characters"
        case .choice(let options): "one of " + options.joined(separator: ", ")
        case .boolean: "true or false"
        }
    }
}

/// The audit log of actions, newest first: intent and result records with who, where, what and
/// how it went.
enum AuditView {
    static func draw(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        let records = s.auditTrail
        let inner = Panel(title: "Audit log", focused: true, badge: "\(records.count) records").draw(in: rect, on: &screen)
        guard !records.isEmpty else {
            screen.put("no actions recorded yet", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        let now = s.now
        Table(columns: [.init("When", min: 8, alignment: .right), .init("Phase", min: 6), .init("User", min: 6, max: 12),
                        .init("Context", min: 7, max: 14), .init("Action", min: 8, max: 18), .init("Target", min: 10, max: 34, grow: 1),
                        .init("Parameters", min: 10, max: 24), .init("Result", min: 12, grow: 2)],
              rowCount: records.count, selectedRow: min(s.selectedAudit, records.count - 1)) { r in
            let a = records[r]
            let result: Table.Item = a.phase == "intent" ? .init("sending", role: .muted)
                : .init((a.succeeded == true ? "ok " : "FAILED ") + (a.detail ?? ""), role: a.succeeded == true ? .ok : .critical)
            return [.init(FigureText.age(now - a.time) + " ago"), .init(a.phase), .init(a.user), .init(a.context), .init(a.action),
                    .init(a.target), .init(a.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")), result]
        }.draw(in: inner, on: &screen)
    }
}
