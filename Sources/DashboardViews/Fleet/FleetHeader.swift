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
        // At 80 columns it says less rather than lose its end: short forms first, then the
        // program's name, the source kind, the chute count, GPUs, the error ratio, the rate,
        // the instance count and Alertmanager's count give way (the alerts view has them);
        // context, read-only, source failures, what fires here and the data's age stay.
        var parts: [PartsLine.Part] = [.init("chutetop", rank: 1),
                                       .init(s.context.production ? "PRODUCTION \(s.context.name)" : s.context.name),
                                       .init(s.context.source, rank: 2)]
        if s.context.readOnly { parts.append(.init("READ-ONLY")) }
        for p in s.fleet.sourceProblems {
            let what = p.partial ? "\(s.glyphs.statusWarning) \(p.kind.rawValue) partial" : "\(s.glyphs.statusCritical) \(p.kind.rawValue) source failing"
            let since = "\(what) \(FigureText.age(max(0, s.now - p.since)))"
            parts.append(.init("\(since): \(p.error)", short: since))
        }
        if let p = s.fleet.alertmanager?.problem {
            let since = "\(s.glyphs.statusCritical) alertmanager failing \(FigureText.age(max(0, s.now - p.since)))"
            parts.append(.init("\(since): \(p.error)", short: since))
        }
        if s.picture == nil {
            parts.append(.init("waiting for the first poll…"))
        } else {
            let chutes = "\(t.chutes) chute\(t.chutes == 1 ? "" : "s")"
            parts.append(.init("\(chutes) (\(t.hot) hot, \(t.chutes - t.hot) cold)", short: chutes, rank: 3))
            let instances = "\(t.ready)/\(t.instances) " + (t.readinessRead ? "ready" : "up")
            parts.append(.init(t.readinessRead ? "inst \(instances)" : "inst \(instances) (readiness not read)", short: instances, rank: 7))
            let over = FigureText.over(seconds: t.rateSpan)
            parts.append(.init("\(FigureText.rate(t.requestRate)) req/s" + over, short: "\(FigureText.rate(t.requestRate))/s" + over, rank: 6))
            parts.append(.init("err \(FigureText.percent(t.errorRatio, decimals: 2))", rank: 5))
            let busy = t.busyGPUs.map(String.init) ?? FigureText.unknown
            parts.append(t.gpus > 0 ? .init("GPUs \(busy)/\(t.gpus) busy", short: "GPU \(busy)/\(t.gpus)", rank: 4)
                         : .init(t.gpuUnseen != nil ? "GPU not exposed" : "GPUs \(FigureText.unknown)", rank: 4))
            parts.append(.init(firing.isEmpty ? "no alerts" : "\(s.glyphs.statusCritical) \(firing.count) firing" + (attention.count < firing.count ? " (\(attention.count) new)" : "")))
            if s.fleet.alertmanager != nil {
                let external = s.alertmanagerAlerts.filter(\.isFiring).count
                parts.append(external == 0 ? .init("alertmanager quiet", rank: 8)
                             : .init("\(s.glyphs.statusCritical) \(external) firing at alertmanager", short: "\(s.glyphs.statusCritical) \(external) at alertmanager", rank: 8))
            }
            parts.append(.init("data \(FigureText.age(dataAge))"))
        }
        let text = " " + PartsLine.fit(parts, separator: s.glyphs.separator, width: rect.width - 1, ellipsis: s.glyphs.ellipsis)
        screen.put(text, x: rect.x, y: rect.y, role: role, clip: rect)
    }
}
