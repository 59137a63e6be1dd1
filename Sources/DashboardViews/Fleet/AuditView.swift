import Dashboard
import Monitoring
import TerminalUI

/// The audit log of actions, newest first: intent and result records with who, where, what and
/// how it went.
enum AuditView {
    static func draw(_ s: FleetDashboardState, in rect: Rect, on screen: inout Screen) {
        let records = s.auditTrail
        let inner = Panel(title: "Audit log", focused: true, badge: "\(records.count) records").draw(in: rect, on: &screen)
        guard !records.isEmpty else {
            screen.put("no actions recorded yet", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        let now = s.now
        Table(columns: [.init("When", min: 8, alignment: .right), .init("Phase", min: 6), .init("User", min: 6, max: 12),
                        .init("Context", min: 7, max: 14), .init("Action", min: 8, max: 18), .init("Target", min: 10, max: 34, grow: 1),
                        .init("Parameters", min: 10, max: 24), .init("Result", min: 12, grow: 2)],
              rowCount: records.count, selectedRow: min(s.selectedAudit, records.count - 1), zone: DashboardZone.audit.rawValue) { r in
            let a = records[r]
            let result: Table.Item = a.phase == "intent" ? .init("sending", role: .muted)
                : .init((a.succeeded == true ? "ok " : "FAILED ") + (a.detail ?? "") + (a.after.map { " · " + $0.said } ?? ""), role: a.succeeded == true ? .ok : .critical)
            return [.init(FigureText.age(now - a.time) + " ago"), .init(a.phase), .init(a.user), .init(a.context), .init(a.action),
                    target(a.target), .init(a.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")), result]
        }.draw(in: inner, on: &screen)
    }

    /// "chute/instance" with the instance kept whole at any width.
    private static func target(_ text: String) -> Table.Item {
        guard let slash = text.firstIndex(of: "/") else { return .init(text) }
        return .init(String(text[..<slash]), suffix: String(text[slash...]))
    }
}
