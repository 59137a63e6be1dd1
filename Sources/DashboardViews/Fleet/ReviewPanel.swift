import Dashboard
import Monitoring
import TerminalUI

/// A chute's production-readiness review, live: a line per check, findings first (fail, warn,
/// then what is not yet decided, then what passes), each with its status, id and evidence;
/// the score in the title. The overview's review column and the Scaling panel's badge say the
/// score alone.
enum ReviewPanel {
    static func draw(_ s: FleetDashboardState, chute name: String, in rect: Rect, on screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let review = s.fleet.review(name)
        let inner = Panel(title: "Readiness review", badge: summary(review)).draw(in: rect, on: &screen)
        let order: [ReviewStatus] = [.fail, .warn, .unknown, .pass]
        let rows = order.flatMap { status in review.checks.filter { $0.status == status } }
        let idWidth = min(20, ReviewCheckID.allCases.map(\.rawValue.count).max() ?? 0)
        for (k, check) in rows.prefix(inner.height).enumerated() {
            let y = inner.y + k
            let look = self.look(check.status, glyphs: s.glyphs)
            var x = inner.x
            x += screen.put(look.text, x: x, y: y, role: look.role, clip: inner)
            x = max(x, inner.x + 10)
            x += screen.put(check.id.rawValue, x: x, y: y, role: .emphasis, clip: inner)
            x = max(x, inner.x + 11 + idWidth)
            let room = max(0, inner.x + inner.width - x)
            screen.put(TextFitting.truncate(check.evidence, toWidth: room, ellipsis: s.glyphs.ellipsis), x: x, y: y,
                       role: check.status == .pass ? .muted : .normal, clip: inner)
        }
    }

    /// "9/17 pass · 3 fail 1 warn", or "17/17 pass".
    static func summary(_ r: ChuteReview) -> String {
        let fails = r.checks.filter { $0.status == .fail }.count, warns = r.checks.filter { $0.status == .warn }.count
        var parts: [String] = []
        if fails > 0 { parts.append("\(fails) fail") }
        if warns > 0 { parts.append("\(warns) warn") }
        return "\(r.score) pass" + (parts.isEmpty ? "" : " · " + parts.joined(separator: " "))
    }

    /// The overview's cell: the score, coloured by the worst finding.
    static func cell(_ r: ChuteReview) -> (text: String, role: Role) {
        switch r.worst {
        case .fail: (r.score, .critical)
        case .warn: (r.score, .warning)
        case .pass, .unknown: (r.score, r.passed == r.checks.count ? .ok : .normal)
        }
    }

    /// Said as a health verdict is (the same four words, glyphs and roles).
    static func look(_ status: ReviewStatus, glyphs: GlyphSet) -> (text: String, role: Role) {
        let said: HealthStatus = switch status {
        case .pass: .pass
        case .warn: .warn
        case .fail: .fail
        case .unknown: .unknown
        }
        return FigureText.status(said, glyphs: glyphs)
    }
}
