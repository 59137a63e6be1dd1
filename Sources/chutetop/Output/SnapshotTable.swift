import Ingest
import LiveServices
import Monitoring
import TerminalUI

/// `snapshot` as text: one line per chute, its instances beneath, then the alerts. Every
/// string from the fleet is sanitised before it is printed.
enum SnapshotTable {
    static func render(_ s: FleetSnapshotter.Snapshot, window: Double) -> String {
        let readiness = s.picture.chutes.allSatisfy(\.counts.readinessRead)
        // The Chutes platform's utilisation is request concurrency: a column of its own, never GPU%.
        let busy = s.picture.chutes.contains { $0.busy != nil }
        var rows: [[String]] = [["CHUTE / INSTANCE", readiness ? "READY" : "UP", "REQ/S", "5XX", "P50", "P95", "P99", "GPU%"]
            + (busy ? ["BUSY% (CONCURRENCY)"] : []) + ["BREAKERS", "STATUS"]]
        for c in s.picture.chutes {
            let counts = "\(c.counts.ready)/\(c.counts.current)" + (c.counts.target.map { " →\($0)" } ?? "")
            rows.append([clean(c.name), counts, rate(c.requestRate.value), ratio(c.errorRatio.value), latency(c.p50.value),
                         latency(c.p95.value), latency(c.p99.value), c.gpuUnseen != nil ? "n/a" : gpu(c.gpu?.meanUtilization)]
                        + (busy ? [gpu(c.busy?.latest.map { $0 * 100 })] : []) + ["", c.controlError.map { "control API: " + clean($0) } ?? ""])
            for i in c.instances {
                let open = i.breakers.filter { $0.state != .closed }
                let breakers = i.breakers.isEmpty ? "" : open.isEmpty ? "\(i.breakers.count) closed" : open.map { "\(clean($0.name)) \($0.state.rawValue)" }.joined(separator: ",")
                rows.append(["  " + clean(i.id), i.ready.status?.description ?? "-", rate(i.requestRate.value), ratio(i.errorRatio.value), "", "", "",
                             c.gpuUnseen != nil ? "n/a" : gpu(i.gpu?.meanUtilization)] + (busy ? [""] : []) + [breakers, status(i)])
            }
        }
        var text = format(rows)
        // A source that computes its own rates (the platform's last 5 minutes) says its span.
        let spans = Set(s.picture.chutes.compactMap { c in c.rateFrom.flatMap { from in c.rateTo.map { Int(($0 - from).rounded()) } } })
        text += spans.count == 1 && spans.first != Int(window) ? "\nRates over the source's last \(spans.first!) s. " : "\nRates and quantiles over \(Int(window)) s. "
        if let why = s.picture.chutes.lazy.compactMap(\.gpuUnseen).first { text += "GPU: \(clean(why)). " }
        let firing = s.alerts.filter { $0.state == .firing }
        text += firing.isEmpty ? "No alerts firing.\n" : "\(firing.count) alert(s) firing:\n"
        for a in firing {
            text += "  \(a.severity.rawValue.uppercased())  \(clean(a.id))  \(clean(a.summaryAfterID))\n"
        }
        switch s.alertmanager {
        case .alerts(let list)?:
            let external = list.filter(\.isFiring)
            text += external.isEmpty ? "Alertmanager: nothing firing (\(list.count) active alert(s) muted or unprocessed).\n"
                                     : "Alertmanager: \(external.count) alert(s) firing:\n"
            for a in external {
                text += "  \(AlertmanagerVerdict.severity(of: a).rawValue.uppercased())  \(clean(a.name))\(a.chute.map { "@" + clean($0) } ?? "")  \(clean(a.summary ?? a.matcherText))\n"
            }
        case .failed(let error)?: text += "Alertmanager could not be read: \(clean(error))\n"
        case nil: break
        }
        return text
    }

    private static func status(_ i: FleetPicture.Instance) -> String {
        var parts: [String] = []
        for (name, p) in [("health", i.health), ("ready", i.ready), ("metrics", i.metrics)] {
            if let e = p.error { parts.append("\(name): \(clean(e))") } else if p.stale { parts.append("\(name) stale") }
        }
        if i.skippedLines > 0 { parts.append("\(i.skippedLines) bad metric line(s) skipped") }
        if let age = i.metrics.ageSeconds, parts.isEmpty { parts.append("metrics \(NumberText.fixed(age, decimals: age < 10 ? 1 : 0)) s old") }
        return parts.joined(separator: "; ")
    }

    private static func clean(_ s: String) -> String { TerminalSanitizer.sanitize(s) }
    private static func rate(_ v: Double?) -> String { v.map(NumberText.compact) ?? "-" }
    private static func ratio(_ v: Double?) -> String { v.map { NumberText.percent($0) } ?? "-" }
    private static func gpu(_ v: Double?) -> String { v.map { NumberText.fixed($0, decimals: 0) } ?? "-" }
    private static func latency(_ v: Double?) -> String {
        guard let v else { return "-" }
        return v < 1 ? NumberText.fixed(v * 1000, decimals: 0) + "ms" : NumberText.fixed(v, decimals: 1) + "s"
    }

    private static func format(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (k, cell) in r.enumerated() { widths[k] = max(widths[k], cell.count) } }
        return rows.map { r in
            r.enumerated().map { k, cell in k == r.count - 1 ? cell : cell.padding(widths[k]) }.joined(separator: "  ")
                .trailingSpacesRemoved
        }.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    var trailingSpacesRemoved: String { String(reversed().drop { $0 == " " }.reversed()) }
}
