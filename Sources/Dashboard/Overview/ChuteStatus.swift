import Monitoring

/// A chute's status in one word, worst first: what the overview's first column says (with a
/// glyph, never by colour alone) and why.
public enum ChuteStatus: Int, Sendable, Comparable, CaseIterable {
    case ok, cold, stale, warning, failing

    public static func < (a: ChuteStatus, b: ChuteStatus) -> Bool { a.rawValue < b.rawValue }

    public var word: String {
        switch self {
        case .ok: "ok"
        case .cold: "cold"
        case .stale: "stale"
        case .warning: "warn"
        case .failing: "fail"
        }
    }

    /// The status of `c` given the alerts firing now, with the main reason.
    public static func of(_ c: FleetPicture.Chute, firing: [Alert]) -> (status: ChuteStatus, reason: String) {
        let mine = firing.filter { $0.chute == c.name && $0.state == .firing }
        if let critical = mine.first(where: { $0.severity == .critical }) { return (.failing, critical.summary) }
        if let e = c.controlError { return (.failing, "control API: \(e)") }
        // No news is not bad news: when no instance has a fresh answer and none has failed
        // (a fleet-wide source that stopped answering), the chute is stale, not down.
        if c.counts.current > 0 && c.instances.allSatisfy({ i in [i.health, i.ready].contains { $0.stale && $0.error == nil } }) {
            return (.stale, "no fresh health or readiness: the source is not answering")
        }
        if c.counts.current > 0 && c.counts.ready == 0 { return (.failing, "no instance \(c.counts.readyWord)") }
        if let open = c.instances.first(where: { $0.breakers.contains { $0.state.rejectsCalls } }) {
            return (.failing, "breaker open on \(open.id)")
        }
        if let warning = mine.first { return (.warning, warning.summary) }
        if let target = c.counts.target, c.counts.ready < target { return (.warning, "\(c.counts.ready) of \(target) instances ready") }
        if let bad = c.instances.first(where: { i in [i.health, i.ready, i.metrics].contains { $0.error != nil } }) {
            return (.warning, "poll failing on \(bad.id)")
        }
        if c.instances.contains(where: { $0.breakers.contains { $0.state == .halfOpen } }) {
            return (.warning, "breaker half-open")
        }
        if c.counts.current == 0 { return (.cold, "no instances (cold)") }
        if c.requestRate.value == nil && c.instances.allSatisfy({ $0.metrics.stale || $0.metrics.ageSeconds == nil }) {
            return (.stale, "no fresh metrics")
        }
        return (.ok, "")
    }
}
