import Dashboard
import FleetEngine
import Monitoring
import TerminalUI

/// How the dashboard spells figures: unknown is "—" (never 0), rates compact, ratios as
/// percentages, latencies in ms or s, ages in s/m/h.
enum FigureText {
    static let unknown = "—"
    /// The Chutes platform's utilisation, named for what it is: request concurrency, not GPU.
    static let busyLabel = "Busy (concurrency)"

    static func rate(_ v: Double?) -> String { v.map(NumberText.compact) ?? unknown }

    /// " over 14 s" for a figure over another span than its window (chutetop has watched for
    /// less, or the source computes over its own span); nothing for one over the window.
    static func over(seconds: Double?) -> String {
        seconds.map { " over \(Int($0.rounded())) s" } ?? ""
    }

    /// A rate and, while the window fills, the seconds it covers ("355 over 14 s").
    static func rate(_ f: Figure) -> String { rate(f.value) + over(seconds: f.spanSeconds) }

    static func percent(_ ratio: Double?, decimals: Int = 1) -> String {
        ratio.map { NumberText.percent($0, decimals: decimals) } ?? unknown
    }

    static func latency(_ seconds: Double?) -> String {
        guard let s = seconds, s.isFinite else { return unknown }
        if s < 1 { return NumberText.fixed(s * 1000, decimals: 0) + "ms" }
        return NumberText.fixed(s, decimals: s < 10 ? 2 : 1) + "s"
    }

    static func age(_ seconds: Double?) -> String {
        guard let s = seconds, s.isFinite else { return unknown }
        if s < 60 { return "\(Int(max(0, s)))s" }
        if s < 3600 { return "\(Int(s / 60))m\(Int(s) % 60)s" }
        if s < 86_400 { return "\(Int(s / 3600))h\(Int(s / 60) % 60)m" }
        return "\(Int(s / 86_400))d\(Int(s / 3600) % 24)h"
    }

    static func bytes(_ b: Double?) -> String {
        guard let b, b.isFinite else { return unknown }
        return NumberText.fixed(b / 1_073_741_824, decimals: b >= 10 * 1_073_741_824 ? 0 : 1) + "G"
    }

    /// A bar of `width` cells and the percentage, as text (for table cells).
    static func bar(_ fraction: Double?, width: Int, glyphs: GlyphSet) -> String {
        guard let f = fraction, f.isFinite else { return String(repeating: " ", count: width) + " " + unknown }
        let filled = Int((min(1, max(0, f)) * Double(width)).rounded())
        return String(repeating: glyphs.gaugeFull, count: filled) + String(repeating: glyphs.gaugeEmpty, count: width - filled)
            + " " + NumberText.fixed(f * 100, decimals: 0) + "%"
    }

    /// A sparkline as text: the last `width` values, one level glyph each (gaps as spaces).
    static func spark(_ values: [Double], width: Int, glyphs: GlyphSet) -> String {
        let shown = values.suffix(width)
        let top = shown.filter(\.isFinite).max() ?? 0
        let levels = glyphs.levels
        let text = shown.map { v -> Character in
            guard v.isFinite else { return " " }
            guard top > 0 else { return levels[0] }
            return levels[min(levels.count - 1, max(0, Int((v / top * Double(levels.count - 1)).rounded())))]
        }
        return String(repeating: " ", count: width - text.count) + String(text)
    }

    /// GPU utilisation arrives in percent (GPUReading); bars and gauges take a fraction.
    static func fraction(percent: Double?) -> Double? { percent.map { $0 / 100 } }

    /// Role for a utilisation fraction.
    static func utilizationRole(_ f: Double?) -> Role {
        guard let f else { return .muted }
        return f >= 0.95 ? .critical : f >= 0.8 ? .warning : .normal
    }

    static func errorRole(_ ratio: Double?) -> Role {
        guard let r = ratio else { return .muted }
        return r >= 0.05 ? .critical : r >= 0.01 ? .warning : .normal
    }

    /// Glyph, word and role of a chute status.
    static func look(_ status: ChuteStatus, glyphs: GlyphSet) -> (text: String, role: Role) {
        switch status {
        case .ok: ("\(glyphs.statusOK) ok", .ok)
        case .cold: ("\(glyphs.statusUnknown) cold", .muted)
        case .stale: ("\(glyphs.statusUnknown) stale", .stale)
        case .warning: ("\(glyphs.statusWarning) warn", .warning)
        case .failing: ("\(glyphs.statusCritical) fail", .critical)
        }
    }

    /// Glyph, word and role of a probe's status (pass/warn/fail/unknown) or its error.
    static func probe(_ p: FleetPicture.Probe, glyphs: GlyphSet) -> (text: String, role: Role) {
        if p.error != nil { return ("\(glyphs.statusCritical) error", .critical) }
        if p.stale { return ("\(glyphs.statusUnknown) stale", .stale) }
        return status(p.status, glyphs: glyphs)
    }

    /// Glyph, word and role of a health verdict ("—" when there is none).
    static func status(_ status: HealthStatus?, glyphs: GlyphSet) -> (text: String, role: Role) {
        switch status {
        case .pass: ("\(glyphs.statusOK) pass", .ok)
        case .warn: ("\(glyphs.statusWarning) warn", .warning)
        case .fail: ("\(glyphs.statusCritical) fail", .critical)
        case .unknown: ("\(glyphs.statusUnknown) unknown", .unknown)
        case nil: ("\(glyphs.statusUnknown) —", .muted)
        }
    }

    /// Glyph, word and role of a breaker state.
    static func breaker(_ state: BreakerState, glyphs: GlyphSet) -> (text: String, role: Role) {
        switch state {
        case .closed: ("\(glyphs.statusOK) closed", .ok)
        case .open, .forcedOpen: ("\(glyphs.statusCritical) \(state.rawValue)", .critical)
        case .halfOpen: ("\(glyphs.statusWarning) half-open", .warning)
        case .disabled, .metricsOnly: ("\(glyphs.statusUnknown) \(state.rawValue)", .unknown)
        }
    }

    /// How old a judged figure is now: its age at the judgement plus the time since.
    static func ageNow(_ age: Double?, _ s: FleetDashboardState) -> Double? {
        age.map { $0 + max(0, s.now - (s.picture?.time ?? s.now)) }
    }

    /// A GPU summary's badge, its age first (so a narrow panel keeps it): "3s old · 2 GPUs · mean 50%".
    static func gpuBadge(_ g: GPUSummary, _ s: FleetDashboardState, mean: Bool) -> String {
        "\(age(ageNow(g.ageSeconds, s))) old · \(g.count) GPU\(g.count == 1 ? "" : "s")"
            + (mean ? " · mean \(percent(fraction(percent: g.meanUtilization), decimals: 0))" : "")
    }

    /// A breaker's failure rate, which arrives in percent.
    static func failureRate(_ percent: Double?) -> String {
        percent.map { NumberText.fixed($0, decimals: 0) + "%" } ?? unknown
    }

    /// "1 open, 1 half" / "3 closed" / "—".
    static func breakerSummary(_ c: FleetPicture.Chute) -> (text: String, role: Role) {
        let states = c.instances.flatMap { $0.breakers.map(\.state) }
        guard !states.isEmpty else { return (unknown, .muted) }
        let open = states.filter { $0 == .open || $0 == .forcedOpen }.count
        let half = states.filter { $0 == .halfOpen }.count
        if open > 0 { return (half > 0 ? "\(open) open, \(half) half" : "\(open) open", .critical) }
        if half > 0 { return ("\(half) half-open", .warning) }
        return ("\(states.count) closed", .muted)
    }
}
