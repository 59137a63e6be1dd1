import Dashboard
import FleetEngine
import Monitoring
import TerminalUI

/// The alerts view's second panel: Alertmanager's active alerts (state, severity, name, chute,
/// for how long, summary, what silences or inhibits it), when they were read, and while reads
/// fail the error and for how long; the selected alert's labels and description underneath.
enum AlertmanagerAlertsView {
    static func draw(_ s: FleetDashboardState, _ am: AlertmanagerAlerts, in rect: Rect, on screen: inout Screen) {
        let alerts = am.alerts, now = s.now, glyphs = s.glyphs
        let firing = alerts.filter(\.isFiring).count
        var badge = "\(firing) firing, \(alerts.count - firing) muted or unprocessed"
        if let p = am.problem {
            badge = "\(glyphs.statusCritical) failing \(FigureText.age(max(0, now - p.since))): \(p.error); alerts as of "
                + (am.readAt.map { FigureText.age(max(0, now - $0)) + " ago" } ?? "never")
        } else if let at = am.readAt {
            badge += ", read \(FigureText.age(max(0, now - at))) ago"
        }
        let selected = s.selectedAlert - s.alertList.count
        let inner = Panel(title: "Alertmanager", focused: alerts.indices.contains(selected), badge: badge).draw(in: rect, on: &screen)
        guard !alerts.isEmpty else {
            let text = am.readAt == nil ? (am.problem == nil ? "reading Alertmanager…" : "Alertmanager could not be read") : "no active alerts at Alertmanager"
            screen.put(text, x: inner.x + 1, y: inner.y, role: am.problem == nil ? .muted : .critical, clip: inner)
            return
        }
        let detailRows = inner.height > 6 && alerts.indices.contains(selected) ? 2 : 0
        let (tableRect, detailRect) = inner.splitBottom(detailRows)
        Table(columns: [.init("State", min: 11), .init("Severity", min: 8), .init("Alert", min: 10, max: 28, grow: 1),
                        .init("Chute", min: 10, max: 28, grow: 1), .init("For", min: 7, alignment: .right),
                        .init("Summary", min: 16, max: 120, grow: 3), .init("Silenced/inhibited by", min: 12, max: 40, grow: 1)],
              rowCount: alerts.count, selectedRow: alerts.indices.contains(selected) ? selected : nil,
              zone: DashboardZone.alertmanagerAlerts.rawValue) { r in
            let a = alerts[r]
            let look = look(a, glyphs: glyphs)
            var muted: [String] = a.silencedBy.map { "silence " + String($0.prefix(8)) }
            muted += a.inhibitedBy.map { "alert " + String($0.prefix(8)) }
            return [.init(look.text, role: look.role), .init(a.label("severity") ?? FigureText.unknown, role: look.role), .init(a.name),
                    .init(a.chute ?? FigureText.unknown, role: a.chute == nil ? .muted : .normal),
                    .init(a.startsAt.map { FigureText.age(max(0, now - $0)) } ?? FigureText.unknown),
                    .init(a.summary ?? FigureText.unknown, role: a.summary == nil ? .muted : .normal),
                    .init(muted.joined(separator: ", "), role: .muted)]
        }.draw(in: tableRect, on: &screen)
        guard detailRows > 0 else { return }
        let a = alerts[selected]
        let labels = a.labels.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        screen.put("labels: " + labels, x: detailRect.x + 1, y: detailRect.y, role: .muted, clip: detailRect)
        screen.put(a.description.map { "description: " + $0 } ?? "no description", x: detailRect.x + 1, y: detailRect.y + 1, role: .muted, clip: detailRect)
    }

    /// Glyph, word and role of an Alertmanager alert's state.
    static func look(_ a: AlertmanagerAlert, glyphs: GlyphSet) -> (text: String, role: Role) {
        if a.isFiring {
            let critical = AlertmanagerVerdict.severity(of: a) == .critical
            return ("\(critical ? glyphs.statusCritical : glyphs.statusWarning) active", critical ? .critical : .warning)
        }
        return ("\(glyphs.statusUnknown) \(a.stateText)", .muted)
    }
}
