import Monitoring
import TestLanes
import Testing

/// Silences as actions: the request is written at prepare time (matchers, times, who, why),
/// exactly what is sent; inputs are checked; matchers read and write the operator's text.
@Suite(.lane(.compute)) struct SilenceActionsTests {
    static let alertmanager = "http://127.0.0.1:9093"
    let catalog = SilenceActions.catalog(alertmanager: Self.alertmanager)
    let settings = SilenceActions.Settings(alertmanager: Self.alertmanager, now: 1_795_987_045.5, createdBy: "ana@oncall-1")
    let target = PreparedAction.Target(context: "prod", chute: "sdxl-turbo")

    @Test func aChuteSilenceMatchesTheChuteAndSaysWhoAndWhy() throws {
        let p = try PreparedAction.prepare(catalog[0], target: target, inputs: ["duration": "2h", "comment": "deploy \"v2\""],
                                           controlAPI: nil, environment: [:], silence: settings).get()
        #expect(p.builtin == .silence && p.alertmanagerSteps == [0] && p.controlPlaneSteps.isEmpty)
        let body = #"{"matchers":[{"name":"chute","value":"sdxl-turbo","isRegex":false,"isEqual":true}],"#
            + #""startsAt":"2026-11-29T21:17:25.500Z","endsAt":"2026-11-29T23:17:25.500Z","createdBy":"ana@oncall-1","comment":"deploy \"v2\""}"#
        #expect(p.steps == [.http(method: "POST", url: "http://127.0.0.1:9093/api/v2/silences", headers: [Label("Content-Type", "application/json")], body: body)])
        #expect(p.shown == p.steps)
        #expect(p.parameters.map(\.value) == ["2h", "deploy \"v2\"", #"chute="sdxl-turbo""#])
    }

    @Test func matchersFromAnAlertsLabels() throws {
        let alert = AlertmanagerAlert(fingerprint: "f", labels: [Label("severity", "critical"), Label("alertname", "ChuteErrorRate"), Label("chute", "a\"b")],
                                      state: .active)
        #expect(alert.matcherText == #"alertname="ChuteErrorRate", chute="a\"b", severity="critical""#)
        #expect(try SilenceMatcher.parse(alert.matcherText).get() == alert.labels.map { SilenceMatcher(name: $0.name, value: $0.value) })
        #expect(try SilenceMatcher.parse(#"job=~"chutes.*",env!="dev", zone !~ "eu-.*""#).get().map(\.op) == ["=~", "!=", "!~"])
        let p = try PreparedAction.prepare(catalog[0], target: target, inputs: ["duration": "30m", "comment": "x", "matchers": alert.matcherText],
                                           controlAPI: nil, environment: [:], silence: settings).get()
        guard case .http(_, _, _, let body?) = p.steps[0] else { Issue.record("no body"); return }
        #expect(body.contains(#"{"name":"chute","value":"a\"b","isRegex":false,"isEqual":true}"#))
        #expect(body.contains(#""endsAt":"2026-11-29T21:47:25.500Z""#))
    }

    @Test(arguments: [
        (["duration": "2x", "comment": "c"], "not a duration"),
        (["duration": "30s", "comment": "c"], "not a duration from 1m"),
        (["duration": "31d", "comment": "c"], "not a duration from 1m"),
        (["duration": "2h"], "comment: a value is needed"),
        (["duration": "2h", "comment": "c", "matchers": "chute=x"], "double quotes"),
        (["duration": "2h", "comment": "c", "matchers": #"chute="""#], "non-empty"),
        (["duration": "2h", "comment": "c", "who": "me"], "takes no input 'who'"),
    ])
    func badInputsAreRefused(inputs: [String: String], says: String) {
        let r = PreparedAction.prepare(catalog[0], target: target, inputs: inputs, controlAPI: nil, environment: [:], silence: settings)
        guard case .failure(let p) = r else { Issue.record("prepared: \(r)"); return }
        #expect(p.description.contains(says), "\(p)")
    }

    @Test func expiringTakesASilenceIDAndNothingElse() throws {
        let p = try PreparedAction.prepare(catalog[1], target: target, inputs: ["silence": "87bc90f7-e003-48ea-961a-6f9982d1e88f"],
                                           controlAPI: nil, environment: [:], silence: settings).get()
        #expect(p.steps == [.http(method: "DELETE", url: "http://127.0.0.1:9093/api/v2/silence/87bc90f7-e003-48ea-961a-6f9982d1e88f", headers: [], body: nil)])
        let bad = PreparedAction.prepare(catalog[1], target: target, inputs: ["silence": "../../chutes"], controlAPI: nil, environment: [:], silence: settings)
        #expect(throws: ActionProblem.self) { try bad.get() }
    }

    @Test func withoutAnAlertmanagerNothingIsPrepared() {
        let r = PreparedAction.prepare(catalog[0], target: target, inputs: ["duration": "2h", "comment": "c"], controlAPI: nil, environment: [:])
        #expect(throws: ActionProblem.self) { try r.get() }
    }

    @Test func durationsAndTimes() {
        #expect(SilenceActions.parseDuration("1h30m") == 5400)
        #expect(SilenceActions.parseDuration("1d") == 86_400)
        #expect(SilenceActions.parseDuration("90") == nil && SilenceActions.parseDuration("") == nil && SilenceActions.parseDuration("h") == nil)
        #expect(RFC3339.format(0) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.format(4_102_444_799) == "2099-12-31T23:59:59Z")
        #expect(RFC3339.format(1_795_987_045.5) == "2026-11-29T21:17:25.500Z")
    }
}
