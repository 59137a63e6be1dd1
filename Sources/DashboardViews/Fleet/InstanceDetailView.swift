import FleetEngine
import Dashboard
import Monitoring
import TerminalUI

/// One instance: its health and readiness (with each check and a history strip), traffic and
/// breakers, GPU detail, and the last poll errors.
enum InstanceDetailView {
    static func draw(_ s: FleetDashboardState, _ key: InstanceKey, in rect: Rect, on screen: inout Screen) {
        guard let i = s.instance(key) else {
            let inner = Panel(title: key.description).draw(in: rect, on: &screen)
            screen.put("\(key) is no longer listed by the source", x: inner.x + 1, y: inner.y, role: .warning, clip: inner)
            return
        }
        let reports = s.fleet.reports(of: key)
        let gpus = i.gpus
        let (left, right) = rect.width >= 120 ? rect.splitLeft(rect.width / 2) : (rect, Rect(x: rect.x, y: rect.maxY, width: rect.width, height: 0))
        var column = left
        if right.height == 0 {
            // narrow: probes, traffic, GPUs, errors stacked
            let probesHeight = min(column.height, 6 + reports.checkCount)
            let (probes, rest) = column.splitTop(max(5, min(probesHeight, column.height / 2)))
            drawProbes(s, key, i, reports, in: probes, on: &screen)
            let (traffic, rest2) = rest.splitTop(min(rest.height, 4 + i.breakers.count))
            drawTraffic(s, i, in: traffic, on: &screen)
            let (gpu, errors) = rest2.splitTop(min(rest2.height / 2, gpus.count + 3))
            drawGPUs(s, key, i, in: gpu, on: &screen)
            drawErrors(s, key, in: errors, on: &screen)
            return
        }
        let (probes, traffic) = column.splitTop(column.height * 60 / 100)
        drawProbes(s, key, i, reports, in: probes, on: &screen)
        drawTraffic(s, i, in: traffic, on: &screen)
        column = right
        let (gpu, errors) = column.splitTop(max(4, min(column.height / 2, gpus.count + 3)))
        drawGPUs(s, key, i, in: gpu, on: &screen)
        drawErrors(s, key, in: errors, on: &screen)
    }

    static func drawProbes(_ s: FleetDashboardState, _ key: InstanceKey, _ i: FleetPicture.Instance, _ reports: FleetReadModel.Reports,
                           in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let inner = Panel(title: "Health and readiness", focused: true, badge: i.phase).draw(in: rect, on: &screen)
        var y = inner.y
        let marks = s.fleet.timeline.marks(of: key)
        for (name, probe, report, history) in [("health", i.health, reports.health, marks.map(\.health)),
                                               ("ready ", i.ready, reports.ready, marks.map(\.ready))] where y < inner.maxY {
            let look = FigureText.probe(probe, glyphs: s.glyphs)
            var x = inner.x + screen.put("\(name) ", x: inner.x, y: y, role: .emphasis, clip: inner)
            x += screen.put(look.text, x: x, y: y, role: look.role, clip: inner)
            let detail = "  age \(FigureText.age(FigureText.ageNow(probe.ageSeconds, s)))" + (probe.consecutiveFailures > 0 ? "  \(probe.consecutiveFailures) failures in a row" : "")
                + (name == "health" && i.healthFlaps > 0 ? "  \(i.healthFlaps) flaps" : "")
            x += screen.put(detail, x: x, y: y, role: .muted, clip: inner)
            let strip = history.suffix(max(0, inner.maxX - x - 3)).map { mark(for: $0, glyphs: s.glyphs) }
            var sx = inner.maxX - strip.count
            for (ch, role) in strip {
                screen.put(ch, x: sx, y: y, role: role)
                sx += 1
            }
            y += 1
            if let e = probe.error, y < inner.maxY {
                screen.put("  error: \(e)", x: inner.x, y: y, role: .critical, clip: inner)
                y += 1
            }
            for check in report?.checks ?? [] where y < inner.maxY {
                let c = FigureText.status(check.status, glyphs: s.glyphs)
                screen.put("  \(c.text)  \(check.name)" + (check.message.map { ": \($0)" } ?? ""), x: inner.x, y: y, role: c.role, clip: inner)
                y += 1
            }
        }
        if let facts = i.facts, !facts.isEmpty, y < inner.maxY {
            screen.put("platform: " + facts.map { "\($0.name) \($0.value)" }.joined(separator: "  "), x: inner.x, y: y, role: .muted, clip: inner)
            y += 1
        }
        if y < inner.maxY {
            let breakers = [("health", i.health), ("ready", i.ready), ("metrics", i.metrics)].map { "\($0.0) \($0.1.pollBreaker?.rawValue ?? FigureText.unknown)" }
            screen.put("chutetop's poll breakers: " + breakers.joined(separator: ", "), x: inner.x, y: y, role: .muted, clip: inner)
        }
    }

    private static func mark(for status: HealthStatus?, glyphs: GlyphSet) -> (Character, Role) {
        switch status {
        case .pass: (glyphs.levels[3], .ok)
        case .warn: (glyphs.levels[5], .warning)
        case .fail: (glyphs.levels[7], .critical)
        case .unknown, nil: (glyphs.levels[1], .muted)
        }
    }

    static func drawTraffic(_ s: FleetDashboardState, _ i: FleetPicture.Instance, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let inner = Panel(title: "Traffic and breakers").draw(in: rect, on: &screen)
        let text = "req/s \(FigureText.rate(i.requestRate))   err \(FigureText.percent(i.errorRatio.value, decimals: 2))   scrape \(FigureText.age(FigureText.ageNow(i.metrics.ageSeconds, s))) ago"
            + (i.skippedLines > 0 ? "   \(i.skippedLines) bad lines skipped" : "")
        screen.put(text, x: inner.x, y: inner.y, role: i.skippedLines > 0 ? .warning : .normal, clip: inner)
        var y = inner.y + 1
        if let e = i.inference, y < inner.maxY {
            screen.put(InferenceText.line(e), x: inner.x, y: y, role: InferenceText.kvRole(e.kvCacheUsage) == .critical ? .warning : .normal, clip: inner)
            y += 1
        }
        for b in i.breakers where y < inner.maxY {
            let look = FigureText.breaker(b.state, glyphs: s.glyphs)
            screen.put("\(look.text)  \(b.name)  fail \(FigureText.failureRate(b.failureRate))",
                       x: inner.x, y: y, role: look.role, clip: inner)
            y += 1
        }
    }

    static func drawGPUs(_ s: FleetDashboardState, _ key: InstanceKey, _ i: FleetPicture.Instance, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let gpus = i.gpus
        let inner = Panel(title: "GPUs", badge: i.gpu.map { FigureText.gpuBadge($0, s, mean: false) }).draw(in: rect, on: &screen)
        guard !gpus.isEmpty else {
            let unseen = s.chute(key.chute)?.gpuUnseen
            screen.put(unseen.map { "GPU not exposed: \($0)" } ?? "no GPU metrics", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        GPUTable.table(gpus.map { (key.instance, $0) }, glyphs: s.glyphs, barWidth: inner.width >= 70 ? 10 : 5).draw(in: inner, on: &screen)
    }

    static func drawErrors(_ s: FleetDashboardState, _ key: InstanceKey, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let errors = (s.fleet.timeline.pollErrors[key] ?? []).reversed()
        let inner = Panel(title: "Last poll errors", badge: errors.isEmpty ? nil : "\(errors.count)").draw(in: rect, on: &screen)
        guard !errors.isEmpty else {
            screen.put("none", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        for (n, e) in errors.enumerated() where n < inner.height {
            screen.put("\(FigureText.age(s.now - e.time)) ago  \(e.probe.rawValue)  \(e.message)", x: inner.x, y: inner.y + n, role: .critical, clip: inner)
        }
    }
}
