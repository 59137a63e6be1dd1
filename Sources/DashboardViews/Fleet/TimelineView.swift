import Dashboard
import FleetEngine
import Monitoring
import TerminalUI

/// The incident timeline, newest first: when (UTC) and how long ago, on what, what kind, and
/// what happened in the words of `EventText`. The open incident is in the panel's badge.
enum TimelineView {
    static func draw(_ s: FleetDashboardState, chute: String?, in rect: Rect, on screen: inout Screen) {
        let entries = FleetDashboard.timelineEntries(s, chute: chute, kind: s.journal.kind)
        let badge = "\(entries.count) entries · " + (s.journal.kind?.rawValue ?? "every kind")
        var inner = Panel(title: "Timeline " + (chute ?? "of the fleet"), focused: true, badge: badge).draw(in: rect, on: &screen)
        if let open = s.journal.openIncident, inner.height > 1 {
            let line = "open incident \(open.id): \(open.title), since \(RFC3339.clock(open.start)) (\(FigureText.age(s.now - open.start)) ago)"
            screen.put(line, x: inner.x + 1, y: inner.y, role: .accent, clip: inner)
            inner = inner.splitTop(1).rest
        }
        guard !entries.isEmpty else {
            let what = s.journal.kind.map { "no \($0.rawValue) entries" } ?? "nothing recorded yet"
            screen.put(what + " (i adds a note)", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        let now = s.now
        Table(columns: [.init("Time (UTC)", min: 10), .init("Age", min: 10, alignment: .right), .init("On", min: 10, max: 40, grow: 1),
                        .init("Kind", min: 9), .init("What", min: 20, max: 400, grow: 3)],
              rowCount: entries.count, selectedRow: min(s.journal.selected, entries.count - 1), zone: DashboardZone.timeline.rawValue) { r in
            let e = entries[r]
            let on: Table.Item = e.chute.isEmpty ? .init("fleet", role: .muted)
                : .init(e.chute, suffix: e.instance.map { "/" + $0 } ?? "")
            return [.init(RFC3339.clock(e.time)), .init(FigureText.age(now - e.time) + " ago", role: .muted), on,
                    .init(e.category.rawValue), .init(EventText.line(e), role: role(e))]
        }.draw(in: inner, on: &screen)
    }

    private static func role(_ e: FleetEvent) -> Role {
        switch e.kind {
        case .alert(_, _, let severity, let state, _):
            return state == .resolved ? .ok : severity == .critical ? .critical : .warning
        case .breaker(_, _, let to): return to == .closed ? .ok : .warning
        case .action(_, let succeeded, _): return succeeded ? .ok : .critical
        case .note, .incidentStarted, .incidentEnded, .recording: return .accent
        default: return .normal
        }
    }
}
