import Dashboard
import FleetEngine
import Monitoring
import TerminalUI

/// The banner: context, source, read-only, fleet totals, firing alerts and the data's age. A
/// production context wears the production banner role (red in the shipped themes) and says so
/// in words.
enum FleetHeader {
    static func draw(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        let role: Role = s.context.production ? .productionBanner : .banner
        screen.fill(rect, role: role)
        let t = s.totals
        let dataAge = t.dataAge.map { $0 + max(0, s.now - (s.picture?.time ?? s.now)) }
        let firing = s.alertList.filter { $0.state == .firing }
        let attention = firing.filter { $0.needsAttention(at: s.now) }
        var parts = ["chutetop", s.context.production ? "PRODUCTION \(s.context.name)" : s.context.name, s.context.source]
        if s.context.readOnly { parts.append("READ-ONLY") }
        for p in s.fleet.sourceProblems {
            let what = p.partial ? "\(s.glyphs.statusWarning) \(p.kind.rawValue) partial" : "\(s.glyphs.statusCritical) \(p.kind.rawValue) source failing"
            parts.append("\(what) \(FigureText.age(max(0, s.now - p.since))): \(p.error)")
        }
        if let p = s.fleet.alertmanager?.problem {
            parts.append("\(s.glyphs.statusCritical) alertmanager failing \(FigureText.age(max(0, s.now - p.since))): \(p.error)")
        }
        if s.picture == nil {
            parts.append("waiting for the first poll…")
        } else {
            parts.append("\(t.chutes) chute\(t.chutes == 1 ? "" : "s") (\(t.hot) hot, \(t.chutes - t.hot) cold)")
            parts.append(t.readinessRead ? "inst \(t.ready)/\(t.instances) ready" : "inst \(t.ready)/\(t.instances) up (readiness not read)")
            parts.append("\(FigureText.rate(t.requestRate)) req/s" + FigureText.over(seconds: t.rateSpan))
            parts.append("err \(FigureText.percent(t.errorRatio, decimals: 2))")
            parts.append(t.gpus > 0 ? "GPUs \(t.busyGPUs.map(String.init) ?? FigureText.unknown)/\(t.gpus) busy" : t.gpuUnseen != nil ? "GPU not exposed" : "GPUs \(FigureText.unknown)")
            parts.append(firing.isEmpty ? "no alerts" : "\(s.glyphs.statusCritical) \(firing.count) firing" + (attention.count < firing.count ? " (\(attention.count) new)" : ""))
            if s.fleet.alertmanager != nil {
                let external = s.alertmanagerAlerts.filter(\.isFiring).count
                parts.append(external == 0 ? "alertmanager quiet" : "\(s.glyphs.statusCritical) \(external) firing at alertmanager")
            }
            parts.append("data \(FigureText.age(dataAge))")
        }
        let text = " " + parts.joined(separator: s.glyphs.separator)
        screen.put(TextFitting.truncate(text, toWidth: rect.width, ellipsis: s.glyphs.ellipsis), x: rect.x, y: rect.y, role: role, clip: rect)
    }
}
