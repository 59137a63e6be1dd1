import Dashboard
import FleetEngine
import Monitoring
import TerminalUI

/// A chute's inference engine in the chute view: the saturation verdict, then charts of the
/// queue, the KV cache, generated tokens/s and time to first token / inter-token latency p95.
enum EnginePanel {
    static func draw(_ s: FleetDashboardState, _ c: FleetPicture.Chute, _ e: InferenceFigures, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 2 else { return }
        // The verdict wraps (up to three lines): its advice is the end of the sentence.
        let lines = c.saturation.map { TextFitting.wrap("saturation: " + $0.text, width: max(1, rect.width)) } ?? [""]
        let shown = min(lines.count, 3, max(1, rect.height - 1))
        let (line, charts) = rect.splitTop(shown)
        if let v = c.saturation {
            let look = InferenceText.verdict(v)
            for (k, text) in lines.prefix(shown).enumerated() {
                screen.put(text, x: line.x, y: line.y + k, role: look.role, clip: line)
            }
        } else {
            screen.put("saturation: none (\(e.engine ?? "engine"))", x: line.x, y: line.y, role: .muted, clip: line)
        }
        let h = s.fleet.history
        let values = { (series: FleetHistory.ChuteSeries, scale: Double) in
            h.resampled(chute: c.name, series, buckets: max(1, 2 * (charts.width / 2 - 2)), end: s.now).map { $0 * scale }
        }
        let titles: [(String, [BrailleChart.Series], @Sendable (Double) -> String)] = [
            ("Queue \(InferenceText.count(e.waiting)) waiting, \(InferenceText.count(e.running)) running",
             [.init(values: values(.waiting, 1), role: .series1)], { NumberText.compact($0) }),
            ("KV cache \(FigureText.percent(e.kvCacheUsage, decimals: 0)) mean" + (e.kvCacheUsageMax.map { "  \(FigureText.percent($0, decimals: 0)) fullest" } ?? "")
                + (e.preemptionsPerSecond.map { $0 > 0 ? "  preempt \(NumberText.compact($0))/s" : "" } ?? ""),
             [.init(values: values(.kvCacheUsage, 100), role: .series2)], { NumberText.fixed($0, decimals: 0) + "%" }),
            ("Tokens/s \(FigureText.rate(e.generationTokensPerSecond))",
             [.init(values: values(.generationTokens, 1), role: .series3)], { NumberText.compact($0) }),
            ("TTFT p95 \(FigureText.latency(e.timeToFirstTokenP95))  ITL p95 \(FigureText.latency(e.interTokenLatencyP95))",
             [.init(values: values(.timeToFirstTokenP95, 1), role: .series4), .init(values: values(.interTokenLatencyP95, 1), role: .series2)],
             { FigureText.latency($0) }),
        ]
        // Two charts a row, two rows; one row of two when short.
        let rows = charts.height >= 6 ? 2 : 1
        let rowHeight = charts.height / rows
        for k in 0..<(rows * 2) {
            let r = k / 2, col = k % 2
            let half = charts.width / 2
            let cell = Rect(x: charts.x + col * half, y: charts.y + r * rowHeight, width: col == 0 ? half : charts.width - half, height: rowHeight)
            let (title, series, format) = rows == 2 ? titles[k] : titles[k == 0 ? 0 : 3]
            ChuteDetailView.chart(title, series, in: cell, on: &screen, format: format)
        }
    }
}
