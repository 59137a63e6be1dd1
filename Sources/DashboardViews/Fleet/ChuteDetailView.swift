import FleetEngine
import Dashboard
import Monitoring
import TerminalUI

/// One chute: scaling, charts over time (requests/s, error %, p50/p95/p99), breakers with time
/// in state, GPUs per instance and per GPU, the instances table (with chutetop's own poll
/// breaker), the production-readiness review, and recent alerts and events. Wide terminals get
/// two columns; narrow ones stack the panels by importance and leave out what does not fit (the
/// Scaling panel's badge still says the review's score).
enum ChuteDetailView {
    static func draw(_ s: FleetDashboardState, chute name: String, in rect: Rect, on screen: inout Screen) {
        guard let c = s.chute(name) else {
            let inner = Panel(title: name).draw(in: rect, on: &screen)
            screen.put("\(name) is no longer listed by the source", x: inner.x + 1, y: inner.y, role: .warning, clip: inner)
            return
        }
        let instanceRows = min(max(3, c.instances.count + 3), max(4, rect.height / 3))
        if rect.width >= 120 {
            let (upper, lower) = rect.splitTop(max(8, (rect.height - instanceRows) * 55 / 100))
            let (charts, side) = upper.splitLeft(upper.width * 58 / 100)
            drawCharts(s, c, in: charts, on: &screen)
            let (scaling, rest) = side.splitTop(6)
            drawScaling(s, c, in: scaling, on: &screen)
            let (breakers, review) = rest.splitTop(max(3, min(breakerCount(c) + 3, rest.height / 2)))
            drawBreakers(s, c, in: breakers, on: &screen)
            ReviewPanel.draw(s, chute: c.name, in: review, on: &screen)
            let (instances, bottom) = lower.splitTop(instanceRows)
            drawInstances(s, c, in: instances, on: &screen)
            let (gpus, events) = bottom.splitLeft(bottom.width / 2)
            drawGPUs(s, c, in: gpus, on: &screen)
            drawEvents(s, c, in: events, on: &screen)
        } else {
            let (scaling, rest) = rect.splitTop(4)
            drawScaling(s, c, in: scaling, on: &screen)
            let (instances, rest2) = rest.splitTop(min(instanceRows, max(0, rest.height - 6)))
            drawInstances(s, c, in: instances, on: &screen)
            let (charts, rest3) = rest2.splitTop(max(5, rest2.height * 45 / 100))
            drawCharts(s, c, in: charts, on: &screen)
            let (breakers, rest4) = rest3.splitTop(min(rest3.height, max(3, breakerCount(c) + 3)))
            drawBreakers(s, c, in: breakers, on: &screen)
            let (review, rest5) = rest4.splitTop(rest4.height >= 6 ? min(ReviewCheckID.allCases.count + 2, rest4.height / 2) : 0)
            ReviewPanel.draw(s, chute: c.name, in: review, on: &screen)
            let (gpus, events) = rest5.splitTop(rest5.height >= 8 ? rest5.height / 2 : 0)
            drawGPUs(s, c, in: gpus, on: &screen)
            drawEvents(s, c, in: events, on: &screen)
        }
    }

    private static func breakerCount(_ c: FleetPicture.Chute) -> Int { c.instances.reduce(0) { $0 + $1.breakers.count } }

    static func drawScaling(_ s: FleetDashboardState, _ c: FleetPicture.Chute, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let inner = Panel(title: "Scaling", badge: "review " + ReviewPanel.summary(s.fleet.review(c.name))).draw(in: rect, on: &screen)
        let n = c.counts
        let threshold = c.scalingThreshold
        let known = { (v: Int?) in v.map(String.init) ?? FigureText.unknown }
        let text = "instances \(n.current)  \(n.readyWord) \(n.ready)  target \(known(n.target))  min \(known(n.min))  max \(known(n.max))  threshold \(FigureText.percent(threshold, decimals: 0))"
        screen.put(text, x: inner.x, y: inner.y, role: n.ready < (n.target ?? 0) ? .warning : .normal, clip: inner)
        var y = inner.y + 1
        if inner.height > 1, c.busy != nil || c.gpuUnseen != nil {
            y = drawBusy(c, y: y, in: inner, on: &screen)
        } else if inner.height > 1 {
            let used = screen.put("GPU utilisation ", x: inner.x, y: y, role: .muted, clip: inner)
            let u = FigureText.fraction(percent: c.gpu?.meanUtilization)
            // Over the ready instances' GPUs, with how many of all the chute's GPUs are busy.
            let busy = c.gpusReporting == 0 ? "" : " · \(c.gpu?.busy.map(String.init) ?? FigureText.unknown)/\(c.gpusReporting) GPUs busy"
            let label = u.map { NumberText.percent($0, decimals: 0) + " of ready" + busy }
                ?? (c.gpusReporting > 0 ? "— none ready" + busy : "— no GPU metrics")
            Gauge(fraction: u ?? .nan, label: label,
                  warningAt: threshold ?? 0.8, criticalAt: 0.95)
                .draw(in: Rect(x: inner.x + used, y: y, width: min(60, inner.width - used), height: 1), on: &screen)
            y += 1
        }
        if let e = c.controlError, y < inner.y + inner.height {
            screen.put("control API: \(e)", x: inner.x, y: y, role: .critical, clip: inner)
            y += 1
        }
        if let facts = c.facts, !facts.isEmpty, y < inner.y + inner.height {
            screen.put(facts.map { "\($0.name) \($0.value)" }.joined(separator: "  "), x: inner.x, y: y, role: .muted, clip: inner)
        }
    }

    /// The platform's utilisation, labelled as request concurrency, with its means over 5
    /// minutes, 15 minutes and an hour; below, the share rate-limited, its age and that GPU
    /// utilisation is not exposed. Answers the next free line.
    private static func drawBusy(_ c: FleetPicture.Chute, y: Int, in inner: Rect, on screen: inout Screen) -> Int {
        let used = screen.put(FigureText.busyLabel.lowercased() + " ", x: inner.x, y: y, role: .muted, clip: inner)
        let b = c.busy, gauge = min(20, max(0, inner.width - used))
        Gauge(fraction: b?.latest ?? .nan, label: b?.latest.map { NumberText.percent($0, decimals: 0) } ?? FigureText.unknown,
              warningAt: c.scalingThreshold ?? 0.8, criticalAt: 0.95)
            .draw(in: Rect(x: inner.x + used, y: y, width: gauge, height: 1), on: &screen)
        let means = ["5m \(FigureText.percent(b?.fiveMinutes, decimals: 0))", "15m \(FigureText.percent(b?.fifteenMinutes, decimals: 0))",
                     "1h \(FigureText.percent(b?.hour, decimals: 0))"]
        screen.put(means.joined(separator: "  "), x: inner.x + used + gauge + 1, y: y, role: .muted, clip: inner)
        guard y + 1 < inner.y + inner.height else { return y + 1 }
        var notes = ["429s \(FigureText.percent(b?.rateLimitedRatio, decimals: 1))"]
        if let age = b?.ageSeconds { notes.append("as of \(FigureText.age(age)) ago") }
        if c.gpuUnseen != nil { notes.append("GPU utilisation not exposed") }
        screen.put(notes.joined(separator: "  "), x: inner.x, y: y + 1, role: .muted, clip: inner)
        return y + 2
    }

    static func drawCharts(_ s: FleetDashboardState, _ c: FleetPicture.Chute, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        var rect = rect
        if let e = c.inference {
            // An LLM chute: the engine panel takes the lower part (its verdict, queue, KV
            // cache, tokens/s, TTFT/ITL), the traffic charts the rest.
            let (traffic, engine) = rect.splitTop(max(3, rect.height * 45 / 100))
            EnginePanel.draw(s, c, e, in: engine, on: &screen)
            rect = traffic
        }
        let h = s.fleet.history
        // Resampled on time, two points per cell: an hour from the source's history and live
        // points since are drawn to one time scale.
        let values = { (series: FleetHistory.ChuteSeries, scale: Double) in
            h.resampled(chute: c.name, series, buckets: max(1, 2 * (rect.width - 2)), end: s.now).map { $0 * scale }
        }
        if let problem = s.fleet.historyProblem, rect.height > 4 {
            let (line, rest) = rect.splitTop(1)
            screen.put("history: \(problem)", x: line.x, y: line.y, role: .warning, clip: line)
            rect = rest
        }
        let per = rect.height / 3
        if per >= 3 {
            let (a, rest) = rect.splitTop(per)
            let (b, l) = rest.splitTop(per)
            chart("Requests/s  \(FigureText.rate(c.requestRate))", [.init(values: values(.requestRate, 1), role: .series1)], in: a, on: &screen)
            chart("Errors %  \(FigureText.percent(c.errorRatio.value, decimals: 2))", [.init(values: values(.errorRatio, 100), role: .series2)], in: b, on: &screen) {
                NumberText.fixed($0, decimals: 1) + "%"
            }
            latencyChart(c, values, in: l, on: &screen)
        } else {
            let (a, l) = rect.splitLeft(rect.width / 2)
            chart("Req/s \(FigureText.rate(c.requestRate))  err \(FigureText.percent(c.errorRatio.value, decimals: 2))",
                  [.init(values: values(.requestRate, 1), role: .series1)], in: a, on: &screen)
            latencyChart(c, values, in: l, on: &screen)
        }
    }

    private static func latencyChart(_ c: FleetPicture.Chute, _ values: (FleetHistory.ChuteSeries, Double) -> [Double],
                                     in rect: Rect, on screen: inout Screen) {
        let title = "p50 \(FigureText.latency(c.p50.value))  p95 \(FigureText.latency(c.p95.value))  p99 \(FigureText.latency(c.p99.value))"
        chart(title, [.init(values: values(.p50, 1), role: .series3), .init(values: values(.p95, 1), role: .series4),
                      .init(values: values(.p99, 1), role: .series2)], in: rect, on: &screen) { FigureText.latency($0) }
    }

    static func chart(_ title: String, _ series: [BrailleChart.Series], in rect: Rect, on screen: inout Screen,
                      format: @escaping @Sendable (Double) -> String = { NumberText.compact($0) }) {
        let inner = Panel(title: title).draw(in: rect, on: &screen)
        guard inner.height > 0 else { return }
        if series.allSatisfy({ !$0.values.contains(where: \.isFinite) }) {
            screen.put("no data yet", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        BrailleChart(series: series, format: format).draw(in: inner, on: &screen)
    }

    static func drawBreakers(_ s: FleetDashboardState, _ c: FleetPicture.Chute, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let inner = Panel(title: "Breakers", badge: FigureText.breakerSummary(c).text).draw(in: rect, on: &screen)
        let rows = c.instances.flatMap { i in i.breakers.map { (i.id, $0) } }
        guard !rows.isEmpty else {
            screen.put("no breaker metrics", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        let glyphs = s.glyphs, timeline = s.fleet.timeline, now = s.now
        let events = timeline.events(of: c.name)
        Table(columns: [.init("Instance", min: 8, max: 12), .init("Breaker", min: 8, max: 24, grow: 2), .init("State", min: 11),
                        .init("Fail", min: 5, alignment: .right), .init("In state", min: 8, alignment: .right),
                        .init("Last change", min: 12, max: 40, grow: 1)],
              rowCount: rows.count) { r in
            let (instance, b) = rows[r]
            let look = FigureText.breaker(b.state, glyphs: glyphs)
            let span = timeline.breakers[.init(chute: c.name, instance: instance, breaker: b.name)]
            let inState = span.map { ($0.seenChange ? "" : "≥") + FigureText.age(now - $0.since) } ?? FigureText.unknown
            let last = events.first { e in
                guard e.instance == instance, case .breaker(let name, _, _) = e.kind else { return false }
                return name == b.name
            }
            return [.init(instance), .init(b.name), .init(look.text, role: look.role),
                    .init(FigureText.failureRate(b.failureRate)),
                    .init(inState), .init(last.map { "\(FigureText.age(now - $0.time)) ago: " + EventText.change($0) } ?? "", role: .muted)]
        }.draw(in: inner, on: &screen)
    }

    static func drawInstances(_ s: FleetDashboardState, _ c: FleetPicture.Chute, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let inner = Panel(title: "Instances", focused: true, badge: "\(c.counts.ready)/\(c.counts.current) \(c.counts.readyWord)").draw(in: rect, on: &screen)
        let glyphs = s.glyphs, instances = c.instances
        let selected = instances.firstIndex { $0.id == s.selectedInstance }
        Table(columns: [.init("Instance", min: 8, max: 16, grow: 1), .init("Phase", min: 8, max: 10), .init("Health", min: 8),
                        .init("Ready", min: 8), .init("Scrape", min: 8, max: 40, grow: 2), .init("Req/s", min: 6, alignment: .right),
                        .init("Err", min: 6, alignment: .right), .init("GPU", min: 5, alignment: .right), .init("Poll", min: 9)],
              rowCount: instances.count, selectedRow: selected, zone: DashboardZone.instances.rawValue) { r in
            let i = instances[r]
            let health = FigureText.probe(i.health, glyphs: glyphs), ready = FigureText.probe(i.ready, glyphs: glyphs)
            let scrape = scrapeItem(i, s)
            let poll = [i.health.pollBreaker, i.ready.pollBreaker, i.metrics.pollBreaker].compactMap { $0 }
            let worst: BreakerState? = poll.contains(.open) ? .open : poll.contains(.halfOpen) ? .halfOpen : (poll.isEmpty ? nil : .closed)
            let pollLook = worst.map { FigureText.breaker($0, glyphs: glyphs) } ?? (FigureText.unknown, .muted)
            return [.init(i.id), .init(i.phase ?? FigureText.unknown, role: .muted), .init(health.text, role: health.role),
                    .init(ready.text, role: ready.role), scrape, .init(FigureText.rate(i.requestRate.value)),
                    .init(FigureText.percent(i.errorRatio.value), role: FigureText.errorRole(i.errorRatio.value)),
                    c.gpuUnseen != nil ? .init("n/a", role: .muted)
                        : .init(FigureText.percent(FigureText.fraction(percent: i.gpu?.meanUtilization), decimals: 0),
                                role: FigureText.utilizationRole(FigureText.fraction(percent: i.gpu?.meanUtilization))),
                    .init(pollLook.text, role: pollLook.role)]
        }.draw(in: inner, on: &screen)
    }

    /// The Scrape column: the last scrape's age (and its bad lines), or its error, which says
    /// how old it is too, age first so a narrow column keeps it ("4s ago: connection refused").
    static func scrapeItem(_ i: FleetPicture.Instance, _ s: FleetDashboardState) -> Table.Item {
        let ago = { (age: Double?) in FigureText.ageNow(age, s).map { FigureText.age($0) + " ago" } }
        if let e = i.metrics.error { return .init((ago(i.metrics.errorAgeSeconds).map { $0 + ": " } ?? "") + e, role: .critical) }
        let text = ago(i.metrics.ageSeconds).map { $0 + (i.skippedLines > 0 ? ", \(i.skippedLines) bad lines" : "") } ?? FigureText.unknown
        return .init(text, role: i.metrics.stale ? .stale : (i.skippedLines > 0 ? .warning : .normal))
    }

    static func drawGPUs(_ s: FleetDashboardState, _ c: FleetPicture.Chute, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let inner = Panel(title: "GPUs", badge: c.gpu.map { FigureText.gpuBadge($0, s, mean: true) }).draw(in: rect, on: &screen)
        let rows = c.instances.flatMap { i in i.gpus.map { (i.id, $0) } }
        guard !rows.isEmpty else {
            let text = c.gpuUnseen.map { "GPU not exposed: \($0)" } ?? "no GPU metrics (DCGM or nvidia_smi exporters)"
            for (k, line) in TextFitting.wrap(text, width: max(1, inner.width - 2)).prefix(inner.height).enumerated() {
                screen.put(line, x: inner.x + 1, y: inner.y + k, role: .muted, clip: inner)
            }
            return
        }
        GPUTable.table(rows, glyphs: s.glyphs, barWidth: inner.width >= 70 ? 10 : 5).draw(in: inner, on: &screen)
    }

    static func drawEvents(_ s: FleetDashboardState, _ c: FleetPicture.Chute, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let alerts = s.alertList.filter { $0.chute == c.name }
        let external = s.fleet.alertmanager?.of(chute: c.name) ?? []
        let count = alerts.count + external.count
        let inner = Panel(title: "Alerts and events", badge: count == 0 ? nil : "\(count) alerts").draw(in: rect, on: &screen)
        var y = inner.y
        for a in alerts where y < inner.maxY {
            let look = AlertsView.look(a, glyphs: s.glyphs)
            screen.put("\(look.text) \(a.summary) (\(FigureText.age(s.now - a.since)))", x: inner.x, y: y, role: look.role, clip: inner)
            y += 1
        }
        for a in external where y < inner.maxY {
            let look = AlertmanagerAlertsView.look(a, glyphs: s.glyphs)
            let since = a.startsAt.map { FigureText.age(max(0, s.now - $0)) } ?? FigureText.unknown
            screen.put("\(look.text) alertmanager \(a.name): \(a.summary ?? a.matcherText) (\(since))", x: inner.x, y: y, role: look.role, clip: inner)
            y += 1
        }
        for e in s.fleet.timeline.events(of: c.name) where e.isChuteEvent && y < inner.maxY {
            screen.put("\(FigureText.age(s.now - e.time)) ago  \(EventText.line(e))", x: inner.x, y: y, role: .muted, clip: inner)
            y += 1
        }
        if y == inner.y { screen.put("nothing yet", x: inner.x, y: y, role: .muted, clip: inner) }
    }
}

