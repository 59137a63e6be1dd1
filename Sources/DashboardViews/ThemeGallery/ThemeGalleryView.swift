import Dashboard
import TerminalUI

/// Renders the theme gallery: a sample fleet table, charts and gauges on the left, every role
/// of the current theme on the right, a header naming the theme and a status line with keys.
public enum ThemeGalleryView {
    public static func render(_ state: ThemeGalleryState, size: Size) -> Screen {
        var screen = Screen(size: size, glyphs: state.glyphs)
        guard size.width >= 20, size.height >= 6 else {
            screen.put("chutetop: terminal too small (\(size))", x: 0, y: 0, role: .warning)
            return screen
        }
        let (header, rest) = screen.bounds.splitTop(1)
        let (body, footer) = rest.splitBottom(1)
        drawHeader(state, in: header, on: &screen)

        let rolesArea = rolesPanelWidth(for: body)
        let (left, right) = body.splitLeft(body.width - rolesArea)
        drawRoles(state.theme, in: right, on: &screen)
        let (upper, gauges) = left.splitBottom(min(6, max(0, left.height - 10)))
        let tableHeight = max(5, (upper.height * 55) / 100)
        let (tableArea, chartArea) = upper.splitTop(tableHeight)
        drawTable(state, in: tableArea, on: &screen)
        drawCharts(in: chartArea, on: &screen)
        drawGauges(in: gauges, on: &screen)

        let message = state.message.isEmpty ? (state.loadErrors.first ?? "") : state.message
        StatusLine(hints: [("n/p", "theme"), ("d", "dialog"), ("i", "input"), ("a", "ascii"), ("?", "help"), ("q", "quit")],
                   message: message).draw(in: footer, on: &screen)
        drawOverlay(state, in: body, on: &screen)
        return screen
    }

    private static func drawHeader(_ state: ThemeGalleryState, in rect: Rect, on screen: inout Screen) {
        screen.fill(rect, role: .banner)
        var parts = ["chutetop themes", "\(state.theme.name)  \(state.themeIndex + 1)/\(state.themes.count)"]
        if state.colorDisabled {
            parts.append("NO_COLOR: mono")
        } else if let depth = state.colorDepth {
            parts.append(depth.label)
        }
        parts.append(state.theme.origin)
        let text = " " + parts.joined(separator: " " + screen.glyphs.separator + " ")
        screen.put(TextFitting.truncate(text, toWidth: rect.width, ellipsis: screen.glyphs.ellipsis),
                   x: rect.x, y: rect.y, role: .banner, clip: rect)
    }

    /// Wide enough for the role swatches (22 columns each, the longest name is 21) in as many
    /// columns as the height needs, leaving the widgets at least 34 columns.
    private static func rolesPanelWidth(for body: Rect) -> Int {
        let perColumn = max(1, body.height - 2)
        let columns = (Role.allCases.count + perColumn - 1) / perColumn
        return max(0, min(body.width - 34, columns * 22 + 2))
    }

    private static func drawRoles(_ theme: Theme, in rect: Rect, on screen: inout Screen) {
        let inner = Panel(title: "Roles").draw(in: rect, on: &screen)
        guard inner.height > 0, inner.width > 0 else { return }
        let columns = max(1, (Role.allCases.count + inner.height - 1) / inner.height)
        let columnWidth = max(1, min(22, inner.width / columns))
        for (i, role) in Role.allCases.enumerated() {
            let x = inner.x + (i / inner.height) * columnWidth
            let y = inner.y + i % inner.height
            let text = TextFitting.fit(role.themeName, width: columnWidth - 1, ellipsis: screen.glyphs.ellipsis)
            screen.put(text, x: x, y: y, role: role, clip: inner)
        }
    }

    private static func drawTable(_ state: ThemeGalleryState, in rect: Rect, on screen: inout Screen) {
        let inner = Panel(title: "Fleet (sample data)", focused: true, badge: "\(state.selectedRow + 1)/\(SampleFleet.rows.count)")
            .draw(in: rect, on: &screen)
        let glyphs = screen.glyphs
        let table = Table(
            columns: [
                .init("Status", min: 6, max: 8), .init("Chute", min: 10, max: 28, grow: 3),
                .init("Ready", min: 5, alignment: .right), .init("GPU", min: 4, alignment: .right),
                .init("Req/s", min: 6, alignment: .right), .init("Err", min: 5, alignment: .right),
                .init("p95", min: 6, alignment: .right),
            ],
            rowCount: SampleFleet.rows.count, selectedRow: state.selectedRow, sortColumn: 4, sortDescending: true
        ) { i in
            let r = SampleFleet.rows[i]
            let (glyph, word, role) = statusLook(r.status, glyphs: glyphs)
            return [
                .init("\(glyph) \(word)", role: role), .init(r.name),
                .init("\(r.ready)/\(r.target)", role: r.ready < r.target ? .warning : .normal),
                .init(NumberText.fixed(r.gpu, decimals: 0) + "%", role: r.gpu >= 95 ? .critical : (r.gpu >= 80 ? .warning : .normal)),
                .init(NumberText.compact(r.requests)),
                .init(NumberText.percent(r.errorRatio), role: r.errorRatio > 0.05 ? .critical : .normal),
                .init(r.p95.isNaN ? "—" : NumberText.fixed(r.p95 * 1000, decimals: 0) + "ms", role: r.p95.isNaN ? .stale : .normal),
            ]
        }
        table.draw(in: inner, on: &screen)
    }

    static func statusLook(_ status: SampleFleet.Status, glyphs: GlyphSet) -> (Character, String, Role) {
        switch status {
        case .ok: (glyphs.statusOK, "ok", .ok)
        case .warning: (glyphs.statusWarning, "warn", .warning)
        case .critical: (glyphs.statusCritical, "fail", .critical)
        case .stale: (glyphs.statusUnknown, "stale", .stale)
        }
    }

    private static func drawCharts(in rect: Rect, on screen: inout Screen) {
        let inner = Panel(title: "Requests/s, errors/s (sample)").draw(in: rect, on: &screen)
        guard inner.height >= 2 else { return }
        let (spark, chart) = inner.splitTop(1)
        let label = screen.put("p95 ", x: spark.x, y: spark.y, role: .muted, clip: spark)
        Sparkline(values: SampleFleet.latency, role: .series3)
            .draw(in: Rect(x: spark.x + label, y: spark.y, width: spark.width - label, height: 1), on: &screen)
        BrailleChart(series: [.init(values: SampleFleet.requests, role: .series1),
                              .init(values: SampleFleet.errors, role: .series2)])
            .draw(in: chart, on: &screen)
    }

    private static func drawGauges(in rect: Rect, on screen: inout Screen) {
        let inner = Panel(title: "GPU utilisation (sample)").draw(in: rect, on: &screen)
        for (i, g) in SampleFleet.gauges.enumerated() where i < inner.height {
            let name = TextFitting.fit(g.0, width: 8)
            let w = screen.put(name, x: inner.x, y: inner.y + i, role: .muted, clip: inner)
            let label = g.1.isNaN ? "— no data" : NumberText.percent(g.1, decimals: 0)
            Gauge(fraction: g.1, label: label)
                .draw(in: Rect(x: inner.x + w + 1, y: inner.y + i, width: inner.width - w - 1, height: 1), on: &screen)
        }
    }

    private static func drawOverlay(_ state: ThemeGalleryState, in body: Rect, on screen: inout Screen) {
        switch state.overlay {
        case .help:
            HelpOverlay(title: "Keys: theme gallery", sections: ThemeGallery.keyHelp).draw(in: body, on: &screen)
        case .confirmation(let dialog):
            dialog.draw(in: body, on: &screen)
        case .input(let input):
            let box = Rect(x: body.x + 2, y: body.maxY - 3, width: body.width - 4, height: 3)
            screen.fill(box, role: .dialog)
            let inner = Panel(title: "Text input (sample)", focused: true, badge: "enter/esc").draw(in: box, on: &screen)
            input.draw(in: inner, on: &screen)
        case nil:
            break
        }
    }
}

extension ColorDepth {
    /// How the header names a colour depth.
    public var label: String {
        switch self {
        case .mono: "no colour"
        case .ansi8: "8 colours"
        case .ansi16: "16 colours"
        case .palette256: "256 colours"
        case .truecolor: "truecolor"
        }
    }
}
