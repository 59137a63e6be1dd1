import FleetEngine
import Dashboard
import Monitoring
import TerminalUI

/// The fleet overview: one row per chute with its status (glyph and word), instances
/// ready/target/max, GPU bar, requests/s, error %, p95, (on wide terminals) the LLM columns
/// (queue, KV cache, generated tokens/s, TTFT p95, saturation verdict), the production-readiness
/// review's score (where it fits; otherwise the panel's badge gives the selected chute's),
/// breakers and a requests/s sparkline. Columns that do not fit a narrow terminal are dropped
/// from the right.
enum OverviewView {

    static func draw(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        let rows = s.overviewRows
        let total = s.picture?.chutes.count ?? 0
        // The LLM columns: automatically when wide, always or never as the operator chose (c);
        // chosen on a narrow terminal they replace GPU, errors, p95, breakers and the trend.
        let wide = rect.width - 2 >= 150
        let llm = s.overview.columnSet == .llm || (s.overview.columnSet == .automatic && wide)
        let standard = !llm || wide
        // The review's score: a column where it fits without squeezing the chute names (from
        // 100 columns, 170 with the LLM columns), else the selected chute's in the badge (the
        // header counts the chutes; a filter's count keeps the badge).
        let reviewColumn = standard && rect.width - 2 >= (llm ? 170 : 100)
        var badge = rows.count == total ? "\(total) chute\(total == 1 ? "" : "s")" : "\(rows.count) of \(total) chutes"
        if !reviewColumn, rows.count == total, let chosen = rows.first(where: { $0.name == s.selectedChute }) ?? rows.first {
            badge = "selected: review \(s.fleet.review(chosen.name).score)"
        }
        let inner = Panel(title: "Chutes", focused: true, badge: badge).draw(in: rect, on: &screen)
        guard inner.height > 1 else { return }
        if rows.isEmpty {
            let text = s.picture == nil ? "listing the fleet…" : (total == 0 ? "the source lists no chutes" : "no chute matches (esc clears the filter: / then ctrl-u)")
            screen.put(text, x: inner.x + 1, y: inner.y + 1, role: .muted, clip: inner)
            return
        }
        let glyphs = s.glyphs
        let firing = s.chuteAlerts.filter { $0.state == .firing }
        let history = s.fleet.history
        let selected = rows.firstIndex { $0.name == s.selectedChute } ?? 0
        let only = { (keep: Bool, items: [OverviewOrder.Column?]) in keep ? items : [] }
        let llmColumns: [OverviewOrder.Column?] = llm ? [.queue, .kv, .tokens, .ttft, nil] : []
        // The Chutes platform's utilisation is request concurrency, never GPU: its own column,
        // labelled so; the GPU column then says the platform does not expose GPU.
        let busyShown = s.totals.gpuUnseen != nil || rows.contains { $0.busy != nil }
        let columnOrder: [OverviewOrder.Column?] = [nil, .name, .ready] + (busyShown ? [nil] : []) + only(standard, [.gpu]) + [.rps] + only(standard, [.err, .p95])
            + llmColumns + only(reviewColumn, [nil]) + only(standard, [.breakers, nil])
        let gpuBar = inner.width >= 120 ? 10 : 5
        let sparkWidth = inner.width >= 200 || (!llm && inner.width >= 150) ? 40 : 16
        let llmHeaders: [Table.Column] = llm ? [.init("Queue", min: 5, alignment: .right), .init("KV", min: 4, alignment: .right),
                                                 .init("Tok/s", min: 6, alignment: .right), .init("TTFT95", min: 7, alignment: .right),
                                                 .init("Saturation", min: 12, max: 12)] : []
        let readinessRead = s.totals.readinessRead
        let headers: [Table.Column] = [.init("Status", min: 7, max: 7), .init("Chute", min: 12, max: 40, grow: 3),
                                       .init(readinessRead ? "Ready/T/Max" : "Up/T/Max", min: 11, alignment: .right)]
            + (busyShown ? [.init(FigureText.busyLabel, min: 18, alignment: .right)] : [])
            + (standard ? [.init("GPU", min: max(gpuBar + 5, busyShown ? 11 : 0), alignment: .right)] : []) + [.init("Req/s", min: 6, alignment: .right)]
            + (standard ? [.init("Err", min: 6, alignment: .right), .init("p95", min: 7, alignment: .right)] : [])
            + llmHeaders + (reviewColumn ? [.init("Review", min: 6, alignment: .right)] : [])
            + (standard ? [.init("Breakers", min: 9, max: 14), .init("Req/s trend", min: sparkWidth, max: sparkWidth)] : [])
        let table = Table(
            columns: headers,
            rowCount: rows.count, selectedRow: selected,
            sortColumn: columnOrder.firstIndex { $0 == s.overview.column }, sortDescending: s.overview.descending,
            zone: DashboardZone.chutes.rawValue
        ) { i in
            let c = rows[i]
            let status = FigureText.look(ChuteStatus.of(c, firing: firing).status, glyphs: glyphs)
            let counts = c.counts
            let ready = "\(counts.ready)/\(counts.target.map(String.init) ?? FigureText.unknown)/\(counts.max.map(String.init) ?? FigureText.unknown)"
            let gpu = FigureText.fraction(percent: c.gpu?.meanUtilization)
            let breakers = FigureText.breakerSummary(c)
            let trend = history.resampled(chute: c.name, .requestRate, buckets: sparkWidth, end: s.now)
            let e = c.inference, verdict = InferenceText.verdict(c.saturation)
            let engine: [Table.Item] = !llm ? [] : [
                .init(InferenceText.count(e?.waiting), role: (e?.waiting ?? 0) >= SaturationVerdict.queueMinimum ? .warning : e == nil ? .muted : .normal),
                .init(FigureText.percent(e?.kvCacheUsageMax ?? e?.kvCacheUsage, decimals: 0), role: InferenceText.kvRole(e?.kvCacheUsageMax)),
                .init(FigureText.rate(e?.generationTokensPerSecond), role: e?.generationTokensPerSecond == nil ? .muted : .normal),
                .init(FigureText.latency(e?.timeToFirstTokenP95), role: e?.timeToFirstTokenP95 == nil ? .muted : .normal),
                .init(verdict.text, role: verdict.role),
            ]
            let rate = Table.Item(FigureText.rate(c.requestRate.value), role: c.requestRate.value == nil ? .muted : .normal)
            let busy: [Table.Item] = busyShown
                ? [.init(FigureText.bar(c.busy?.latest, width: gpuBar, glyphs: glyphs), role: c.busy?.latest == nil ? .muted : FigureText.utilizationRole(c.busy?.latest))]
                : []
            guard standard else {
                return [.init(status.text, role: status.role), .init(c.name), .init(ready, role: counts.ready < (counts.target ?? 0) ? .warning : .normal)]
                    + busy + [rate] + engine
            }
            let gpuCell: Table.Item = c.gpuUnseen != nil ? .init("not exposed", role: .muted)
                : .init(FigureText.bar(gpu, width: gpuBar, glyphs: glyphs), role: FigureText.utilizationRole(gpu))
            return [
                .init(status.text, role: status.role), .init(c.name),
                .init(ready, role: counts.ready < (counts.target ?? 0) ? .warning : .normal),
            ] + busy + [
                gpuCell,
                rate,
                .init(FigureText.percent(c.errorRatio.value), role: FigureText.errorRole(c.errorRatio.value)),
                .init(FigureText.latency(c.p95.value), role: c.p95.value == nil ? .muted : .normal),
            ] + engine + (reviewColumn ? [Self.reviewCell(s, c.name)] : []) + [
                .init(breakers.text, role: breakers.role),
                .init(FigureText.spark(trend, width: sparkWidth, glyphs: glyphs), role: .series1),
            ]
        }
        let visible = inner.height - 1
        let offset = Table.scrollOffset(selected: selected, current: 0, visibleRows: visible, rowCount: rows.count)
        table.draw(in: inner, on: &screen, scrollOffset: offset)
    }

    private static func reviewCell(_ s: FleetDashboardState, _ chute: String) -> Table.Item {
        let cell = ReviewPanel.cell(s.fleet.review(chute))
        return Table.Item(cell.text, role: cell.role)
    }
}
