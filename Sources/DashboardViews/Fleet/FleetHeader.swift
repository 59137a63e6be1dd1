import Dashboard
import Monitoring
import TerminalUI

/// The banner: context, source, read-only, fleet totals, firing alerts and the data's age. A
/// production context wears the production banner role (red in the shipped themes) and says so
/// in words.
enum FleetHeader {
    struct Totals: Equatable {
        var chutes = 0, hot = 0, ready = 0, instances = 0, gpus = 0, busyGPUs = 0
        var requestRate: Double?
        var errors: Double?
        var dataAge: Double?
    }

    /// A GPU counts as busy at this utilisation (percent) or more.
    static let busyUtilization = 10.0

    static func totals(_ s: FleetDashboardState) -> Totals {
        var t = Totals()
        guard let p = s.picture else { return t }
        var requests = 0.0, errors = 0.0, anyRate = false
        for c in p.chutes {
            t.chutes += 1
            if c.counts.current > 0 { t.hot += 1 }
            t.ready += c.counts.ready
            t.instances += c.counts.current
            if let r = c.requestRate.value {
                anyRate = true
                requests += r
                errors += r * (c.errorRatio.value ?? 0)
            }
            if let age = c.requestRate.ageSeconds { t.dataAge = max(t.dataAge ?? 0, age) }
            for i in c.instances {
                for g in s.watch.observations.instances[InstanceKey(chute: c.name, instance: i.id)]?.latest?.gpus ?? [] {
                    t.gpus += 1
                    if (g.utilization ?? 0) >= busyUtilization { t.busyGPUs += 1 }
                }
            }
        }
        if anyRate {
            t.requestRate = requests
            t.errors = requests > 0 ? errors / requests : nil
        }
        t.dataAge = t.dataAge.map { $0 + max(0, s.now - p.time) }
        return t
    }

    static func draw(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        let role: Role = s.context.production ? .productionBanner : .banner
        screen.fill(rect, role: role)
        let t = totals(s)
        let firing = s.watch.alerts.sorted.filter { $0.state == .firing }
        let attention = firing.filter { $0.needsAttention(at: s.now) }
        var parts = ["chutetop", s.context.production ? "PRODUCTION \(s.context.name)" : s.context.name, s.context.source]
        if s.context.readOnly { parts.append("READ-ONLY") }
        if s.picture == nil {
            parts.append("waiting for the first poll…")
        } else {
            parts.append("\(t.chutes) chutes (\(t.hot) hot, \(t.chutes - t.hot) cold)")
            parts.append("inst \(t.ready)/\(t.instances) ready")
            parts.append("\(FigureText.rate(t.requestRate)) req/s")
            parts.append("err \(FigureText.percent(t.errors, decimals: 2))")
            parts.append("GPUs \(t.busyGPUs)/\(t.gpus) busy")
            parts.append(firing.isEmpty ? "no alerts" : "\(s.glyphs.statusCritical) \(firing.count) firing" + (attention.count < firing.count ? " (\(attention.count) new)" : ""))
            parts.append("data \(FigureText.age(t.dataAge))")
        }
        let text = " " + parts.joined(separator: s.glyphs.separator)
        screen.put(TextFitting.truncate(text, toWidth: rect.width, ellipsis: s.glyphs.ellipsis), x: rect.x, y: rect.y, role: role, clip: rect)
    }
}
