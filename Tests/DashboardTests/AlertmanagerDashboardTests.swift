import Dashboard
import FleetEngine
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// Alertmanager's alerts in the dashboard: a firing alert with a `chute` label counts against
/// that chute (status, faulted-only), a silenced one does not; in the alerts view the selection
/// runs on into Alertmanager's alerts, which are silenced (x) rather than acknowledged, with the
/// matchers taken from their labels; read-only offers nothing.
@Suite(.lane(.compute)) struct AlertmanagerDashboardTests {
    static let alertmanager = "http://127.0.0.1:9093"

    static func alerts(firingOn chute: String = FleetFixture.name(1)) -> [AlertmanagerAlert] {
        [AlertmanagerAlert(fingerprint: "e4d28da5858428ef",
                           labels: [Label("alertname", "ChuteErrorRate"), Label("chute", chute), Label("severity", "critical")],
                           summary: "5xx ratio 15%", description: "More than 5% of requests failed.", state: .active, startsAt: 1000),
         AlertmanagerAlert(fingerprint: "b3c5993329a121ed", labels: [Label("alertname", "GPUHot"), Label("chute", FleetFixture.name(2))],
                           state: .suppressed, silencedBy: ["87bc90f7-e003-48ea-961a-6f9982d1e88f"], startsAt: 1000)]
    }

    static func state(readOnly: Bool = false, firingOn chute: String = FleetFixture.name(1)) -> FleetDashboardState {
        var s = FleetFixture.state()
        s.context = .init(name: "prod", source: "direct", readOnly: readOnly, production: false, alertmanager: alertmanager, operatorName: "ana@oncall-1")
        s.actions = readOnly ? [] : SilenceActions.catalog(alertmanager: alertmanager)
        s.watch.alertmanagerInterval = 2
        _ = FleetDashboard.update(&s, .delivered(.watch(.alertmanagerRead(.alerts(alerts(firingOn: chute)), at: s.now))))
        return s
    }

    func press(_ s: inout FleetDashboardState, _ keys: Key...) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    @Test func aFiringAlertCountsAgainstItsChuteAndASilencedOneDoesNot() throws {
        let quiet = FleetFixture.state()
        let ok = try #require(quiet.picture?.chutes.first { ChuteStatus.of($0, firing: quiet.alertList).status == .ok && $0.name != FleetFixture.name(2) })
        let s = Self.state(firingOn: ok.name)
        let firing = try #require(s.chute(ok.name))
        #expect(ChuteStatus.of(firing, firing: s.chuteAlerts).status == .failing)
        #expect(ChuteStatus.of(firing, firing: s.chuteAlerts).reason == "alertmanager: 5xx ratio 15%")
        #expect(!s.chuteAlerts.contains { $0.chute == FleetFixture.name(2) && $0.rule.hasPrefix("alertmanager") })
        #expect(s.alertRowCount == s.alertList.count + 2)
    }

    /// The selection stays on its alert when the rows before it change: a new alert listed
    /// above moved it by index onto another alert, and `x` or `a` would have acted on that one
    /// (seen in a loaded end-to-end run: chutetop's own alerts grew under the selected
    /// Alertmanager alert, and `x` found a chutetop alert selected).
    @Test func theSelectionStaysOnItsAlertWhenRowsAreAddedBeforeIt() throws {
        var s = Self.state()
        _ = press(&s, .character("A"), .character("G"), .up)
        #expect(s.selectedAlertmanagerAlert?.fingerprint == "e4d28da5858428ef")
        let newcomer = AlertmanagerAlert(fingerprint: "0a0a0a0a0a0a0a0a", labels: [Label("alertname", "ApiDown"), Label("severity", "critical")], state: .active, startsAt: 1000)
        _ = FleetDashboard.update(&s, .delivered(.watch(.alertmanagerRead(.alerts([newcomer] + Self.alerts()), at: s.now + 2))))
        #expect(s.selectedAlertmanagerAlert?.fingerprint == "e4d28da5858428ef", "\(String(describing: s.selectedAlertmanagerAlert?.name))")
        // Gone, and the list shorter: the last row is selected.
        _ = FleetDashboard.update(&s, .delivered(.watch(.alertmanagerRead(.alerts([newcomer]), at: s.now + 4))))
        #expect(s.selectedAlertmanagerAlert?.fingerprint == "0a0a0a0a0a0a0a0a")
    }

    @Test func xOnAnAlertmanagerAlertSilencesItWithItsLabels() throws {
        var s = Self.state()
        _ = press(&s, .character("A"), .character("G"))
        _ = press(&s, .up)
        let selected = try #require(s.selectedAlertmanagerAlert)
        #expect(selected.name == "ChuteErrorRate")
        _ = press(&s, .character("a"))
        #expect(s.overlay == nil && s.message.contains("silenced at Alertmanager"))
        _ = press(&s, .character("x"))
        guard case .action(.menu(let menu))? = s.overlay else { Issue.record("no menu: \(s.message)"); return }
        #expect(menu.choices.map(\.name) == ["silence", "expire-silence"])
        _ = press(&s, .enter)
        guard case .action(.form(let form))? = s.overlay else { Issue.record("no form"); return }
        #expect(form.fields.map(\.text) == ["2h", "", #"alertname="ChuteErrorRate", chute="\#(FleetFixture.name(1))", severity="critical""#])
        _ = press(&s, .enter)
        for key in "on it".map({ Key.character($0) }) + [.enter, .enter] { _ = press(&s, key) }
        guard case .action(.confirm(let c))? = s.overlay else { Issue.record("no confirmation: \(s.message)"); return }
        #expect(c.dialog.focusedButton == 0)
        #expect(c.dialog.lines.contains("POST \(Self.alertmanager)/api/v2/silences"))
        let effects = press(&s, .tab, .enter)
        let runs = effects.compactMap { if case .perform(.runAction(let p, _)) = $0 { p } else { nil } }
        let prepared = try #require(runs.first)
        #expect(runs.count == 1 && prepared.builtin == .silence && prepared.alertmanagerSteps == [0])
        guard case .http(_, _, _, let body?) = prepared.steps[0] else { Issue.record("no body"); return }
        #expect(body.contains(#""createdBy":"ana@oncall-1","comment":"on it""#))
        #expect(body.contains(#"{"name":"alertname","value":"ChuteErrorRate","isRegex":false,"isEqual":true}"#))
    }

    @Test func expiringASilencedAlertsSilenceIsPrefilled() {
        var s = Self.state()
        _ = press(&s, .character("A"), .character("G"), .character("x"), .down, .enter)
        guard case .action(.form(let form))? = s.overlay else { Issue.record("no form: \(s.message)"); return }
        #expect(form.fields.map(\.text) == ["87bc90f7-e003-48ea-961a-6f9982d1e88f"])
    }

    @Test func readOnlyOffersNoSilence() {
        var s = Self.state(readOnly: true)
        _ = press(&s, .character("A"), .character("G"), .character("x"))
        #expect(s.overlay == nil && s.message.contains("read-only"))
    }

}
