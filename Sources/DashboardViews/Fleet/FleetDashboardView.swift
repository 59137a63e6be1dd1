import Dashboard
import Monitoring
import TerminalUI

/// Renders the dashboard: a banner with the fleet's totals, a line naming the view, the view
/// itself, a status line with its keys, and any overlay on top.
public enum FleetDashboardView {
    /// The smallest screen laid out; below it a message says so.
    public static let minimumSize = Size(width: 60, height: 16)

    public static func render(_ s: FleetDashboardState, size: Size) -> Screen {
        var screen = Screen(size: size, glyphs: s.glyphs)
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            screen.put("terminal \(size): need \(minimumSize)", x: 0, y: 0, role: .warning)
            return screen
        }
        let (banner, afterBanner) = screen.bounds.splitTop(1)
        let (titleRow, rest) = afterBanner.splitTop(1)
        let (body, footer) = rest.splitBottom(1)
        FleetHeader.draw(s, in: banner, on: &screen)
        drawTitle(s, in: titleRow, on: &screen)
        switch s.page {
        case .overview: OverviewView.draw(s, in: body, on: &screen)
        case .chute(let name): ChuteDetailView.draw(s, chute: name, in: body, on: &screen)
        case .instance(let key): InstanceDetailView.draw(s, key, in: body, on: &screen)
        case .metrics(let key): RawMetricsView.draw(s, key, in: body, on: &screen)
        case .logs(let scope): LogsView.draw(s, scope, in: body, on: &screen)
        case .alerts: AlertsView.draw(s, in: body, on: &screen)
        case .audit: AuditView.draw(s, in: body, on: &screen)
        case .timeline(let chute): TimelineView.draw(s, chute: chute, in: body, on: &screen)
        }
        let hints = CommandTable.hints(for: s.page, keyMap: s.keyMap, readOnly: s.context.readOnly)
        StatusLine(hints: hints, message: s.message, zone: DashboardZone.hint.rawValue).draw(in: footer, on: &screen)
        DashboardOverlays.draw(s, in: body, footer: footer, on: &screen)
        return screen
    }

    /// "Fleet › llama-3 › i-2" on the left (each crumb a zone: a click goes back to it); sort,
    /// filter and toggles on the right.
    private static func drawTitle(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        let crumbs = s.pages.map { page -> String in
            switch page {
            case .overview: "Fleet"
            case .chute(let name): name
            case .instance(let key): key.instance
            case .metrics: "raw metrics"
            case .logs(.chute): "logs (all instances)"
            case .logs(.instance): "logs"
            case .alerts: "Alerts"
            case .audit: "Audit log"
            case .timeline(nil): "Timeline"
            case .timeline(let chute?): "Timeline \(chute)"
            }
        }
        var used = screen.put(" ", x: rect.x, y: rect.y, role: .title, clip: rect)
        for (depth, crumb) in crumbs.enumerated() {
            if depth > 0 { used += screen.put(" \(s.glyphs.pointer) ", x: rect.x + used, y: rect.y, role: .title, clip: rect) }
            let width = screen.put(crumb, x: rect.x + used, y: rect.y, role: .title, clip: rect)
            screen.mark(Rect(x: rect.x + used, y: rect.y, width: width, height: 1), zone: DashboardZone.crumb.rawValue, index: depth)
            used += width
        }
        var right: [String] = s.watches.map { w in
            let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")[Int(s.now) % 10]
            return "\(s.glyphs.braille ? spinner : "*") \(w.action) \(w.target.chute): \(w.progress) \(FigureText.age(s.now - w.started))"
        }
        if s.page == .overview {
            let arrow = s.overview.descending ? s.glyphs.sortDescending : s.glyphs.sortAscending
            right.append("sort \(s.overview.column.rawValue) \(arrow)")
            if !s.filterText.isEmpty { right.append("filter: \(s.filterText)") }
            if s.overview.faultedOnly { right.append("faulted only") }
        }
        let text = right.joined(separator: "  ") + " "
        let width = DisplayWidth.of(text)
        if width < rect.width - used - 1 {
            screen.put(text, x: rect.maxX - width, y: rect.y, role: .accent, clip: rect)
        }
    }
}
