import FleetEngine
import Dashboard
import Monitoring
import TerminalUI

/// Alerts: pending, firing and resolved, with how long each has been so, acknowledgements,
/// snoozes and notes.
/// With an Alertmanager, its active alerts are a second panel below (AlertmanagerAlertsView):
/// each alert's origin is the panel it is in, and the selection runs through both.
enum AlertsView {
    static func draw(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        guard let alertmanager = s.fleet.alertmanager else {
            drawOwn(s, title: "Alerts", in: rect, on: &screen)
            return
        }
        let (top, rest) = rect.splitTop(max(4, min(rect.height - 6, s.alertList.count + 3)))
        drawOwn(s, title: "Alerts: chutetop rules", in: top, on: &screen)
        AlertmanagerAlertsView.draw(s, alertmanager, in: rest, on: &screen)
    }

    private static func drawOwn(_ s: FleetDashboardState, title: String, in rect: Rect, on screen: inout Screen) {
        let alerts = s.alertList
        let firing = alerts.filter { $0.state == .firing }.count
        let inner = Panel(title: title, focused: s.selectedAlert < max(1, alerts.count),
                          badge: "\(firing) firing, \(alerts.count - firing) pending or resolved").draw(in: rect, on: &screen)
        guard !alerts.isEmpty else {
            if let held = s.fleet.rulesHeld {
                // Not "quiet": nothing is being judged (and the failure would otherwise be on the
                // banner only, cut at 80 columns).
                let text = "rules not judged (\(s.fleet.ruleCount) rules): \(held)"
                TextFitting.wrap(text, width: max(1, inner.width - 2)).prefix(inner.height).enumerated().forEach { k, line in
                    screen.put(line, x: inner.x + 1, y: inner.y + k, role: .critical, clip: inner)
                }
            } else {
                screen.put("no alerts: every rule is quiet (\(s.fleet.ruleCount) rules)", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            }
            return
        }
        let glyphs = s.glyphs, now = s.now
        let selected = s.selectedAlert < alerts.count ? s.selectedAlert : nil
        // The selected alert said whole underneath: a narrow row cuts its summary.
        let detailRows = inner.height > 6 && selected != nil ? 2 : 0
        let (tableRect, detailRect) = inner.splitBottom(detailRows)
        // The instance is what tells two rows of one chute apart: it stays whole at every width
        // (the chute's name is shortened in the middle instead).
        Table(columns: [.init("State", min: 10), .init("Severity", min: 8), .init("Rule", min: 10, max: 22),
                        .init("Chute/instance", min: 14, max: 40, grow: 1), .init("For", min: 7, alignment: .right),
                        .init("Summary", min: 12, max: 400, grow: 3), .init("Handled", min: 10, max: 40, grow: 1)],
              rowCount: alerts.count, selectedRow: selected,
              zone: DashboardZone.alerts.rawValue) { r in
            let a = alerts[r]
            let look = look(a, glyphs: glyphs)
            return [.init(look.text, role: look.role), .init(a.severity.rawValue, role: look.role), .init(a.rule),
                    .init(a.chute, suffix: a.instance.map { "/\($0)" } ?? ""), .init(FigureText.age(duration(a, now: now))),
                    .init(a.summaryAfterID), .init(handled(a, s).joined(separator: ", "), role: .muted)]
        }.draw(in: tableRect, on: &screen)
        guard detailRows > 0, let selected else { return }
        let a = alerts[selected]
        let place = a.chute + (a.instance.map { "/\($0)" } ?? "")
        screen.put("\(place): \(a.summaryAfterID)", x: detailRect.x + 1, y: detailRect.y, role: look(a, glyphs: glyphs).role, clip: detailRect)
        let facts = ["\(a.rule), \(a.severity.rawValue), \(a.state.rawValue) for \(FigureText.age(duration(a, now: now)))"] + handled(a, s)
        screen.put(facts.joined(separator: "; "), x: detailRect.x + 1, y: detailRect.y + 1, role: .muted, clip: detailRect)
    }

    /// How long it has been in its state (a resolved one: how long it fired).
    static func duration(_ a: Alert, now: Double) -> Double {
        a.state == .resolved ? (a.resolvedAt ?? now) - (a.firedAt ?? a.since) : now - a.since
    }

    /// What holds it and what the operator did: held by its `for` (what happens if the
    /// condition stays clear, and when), acknowledged, snoozed, the note.
    static func handled(_ a: Alert, _ s: FleetDashboardState) -> [String] {
        var handled: [String] = []
        if a.clearSince != nil {
            let outcome = a.heldUntil.map { (a.state == .firing ? " resolves in " : " drops in ") + FigureText.age(max(0, $0 - s.now)) } ?? ""
            handled.append("clear," + outcome)
        }
        if a.acknowledged { handled.append("acked") }
        if let until = a.snoozedUntil, until > s.now { handled.append("snoozed \(FigureText.age(until - s.now))") }
        if let note = s.alertNotes[a.id] { handled.append("\"\(note)\"") }
        return handled
    }

    /// Glyph, word and role of an alert's state.
    static func look(_ a: Alert, glyphs: GlyphSet) -> (text: String, role: Role) {
        switch a.state {
        case .firing: ("\(a.severity == .critical ? glyphs.statusCritical : glyphs.statusWarning) firing", a.severity == .critical ? .critical : .warning)
        case .pending: ("\(glyphs.statusUnknown) pending", .info)
        case .resolved: ("\(glyphs.statusOK) resolved", .ok)
        }
    }
}
