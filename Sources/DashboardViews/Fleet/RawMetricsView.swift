import Dashboard
import Monitoring
import TerminalUI

/// The raw-metrics browser: every family of one instance's /metrics page (searchable by name),
/// and the selected family's help and samples.
enum RawMetricsView {
    static func draw(_ s: FleetDashboardState, _ key: InstanceKey, in rect: Rect, on screen: inout Screen) {
        switch s.rawMetrics[key] {
        case nil:
            let inner = Panel(title: "Raw metrics").draw(in: rect, on: &screen)
            screen.put("fetching \(key)'s /metrics…", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
        case .failure(let f)?:
            let inner = Panel(title: "Raw metrics").draw(in: rect, on: &screen)
            screen.put("could not fetch /metrics: \(f)", x: inner.x + 1, y: inner.y, role: .critical, clip: inner)
        case .success(let page)?:
            let families = s.families(of: key)
            let (list, detail) = rect.width >= 120 ? rect.splitLeft(rect.width * 45 / 100) : rect.splitTop(rect.height / 2)
            let badge = "\(families.count) of \(page.families.count) families" + (page.issues.isEmpty ? "" : ", \(page.issues.count) bad lines")
            let inner = Panel(title: s.familyQuery.isEmpty ? "Families" : "Families matching '\(s.familyQuery)'", focused: true, badge: badge)
                .draw(in: list, on: &screen)
            let selected = families.isEmpty ? nil : min(s.selectedFamily, families.count - 1)
            Table(columns: [.init("Family", min: 16, grow: 1), .init("Type", min: 9), .init("Series", min: 6, alignment: .right)],
                  rowCount: families.count, selectedRow: selected, zone: DashboardZone.families.rawValue) { r in
                [.init(families[r].name), .init(families[r].type, role: .muted), .init("\(families[r].samples.count)")]
            }.draw(in: inner, on: &screen)
            let family = selected.map { families[$0] }
            let info = Panel(title: family?.name ?? "Samples", badge: "fetched \(FigureText.age(s.now - page.time)) ago").draw(in: detail, on: &screen)
            guard let family, info.height > 0 else { return }
            var y = info.y
            if !family.help.isEmpty {
                screen.put(family.help, x: info.x, y: y, role: .muted, clip: info)
                y += 1
            }
            for sample in family.samples where y < info.maxY {
                let w = screen.put(sample.series, x: info.x, y: y, clip: Rect(x: info.x, y: y, width: max(1, info.width - 14), height: 1))
                screen.put(" " + sample.value, x: info.x + w, y: y, role: .emphasis, clip: info)
                y += 1
            }
            for issue in page.issues where y < info.maxY {
                screen.put(issue, x: info.x, y: y, role: .warning, clip: info)
                y += 1
            }
        }
    }
}
