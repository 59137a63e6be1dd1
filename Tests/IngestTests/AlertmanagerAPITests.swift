import Foundation
import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

/// Alertmanager API v2 replies, captured from Debian's prometheus-alertmanager 0.25.0 (three
/// alerts posted, one of them silenced; the silence list; a created silence's id), and bodies
/// that are not the API's: each decodes to what it says or fails with a sentence.
@Suite(.lane(.compute)) struct AlertmanagerAPITests {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: BuildProducts.packageRoot().appendingPathComponent("Fixtures/api/\(name)"))
    }

    @Test func alertsCarryLabelsAnnotationsStateAndMutes() throws {
        let alerts = try AlertmanagerAPI.alerts(try fixture("alertmanager-alerts.json"))
        #expect(alerts.map(\.name) == ["Watchdog", "GPUHot", "ChuteErrorRate"])
        let errors = alerts[2]
        #expect(errors.fingerprint == "e4d28da5858428ef")
        #expect(errors.chute == "deepseek-r1-distill-qwen-32b")
        #expect(errors.labels.map(\.name) == ["alertname", "chute", "job", "severity"])
        #expect(errors.summary == "5xx ratio 15% on deepseek-r1-distill-qwen-32b")
        #expect(errors.description == "More than 5% of requests failed over 30s.")
        #expect(errors.state == .active && errors.isFiring && errors.severity == .critical)
        #expect(errors.startsAt == Timestamps.parse("2026-11-29T21:37:25.000Z"))
        let hot = alerts[1]
        #expect(hot.state == .suppressed && !hot.isFiring && hot.stateText == "silenced")
        #expect(hot.silencedBy == ["87bc90f7-e003-48ea-961a-6f9982d1e88f"] && hot.inhibitedBy.isEmpty)
        #expect(hot.summary == "GPU at 91C" && hot.description == nil)
        #expect(alerts[0].chute == nil && alerts[0].summary == nil && alerts[0].severity == .info)
        #expect(AlertmanagerVerdict.highestFiring(alerts) == .critical)
        #expect(hot.matcherText == #"alertname="GPUHot", chute="sdxl-turbo", severity="warning""#)
    }

    @Test func silencesAndACreatedSilencesID() throws {
        let silences = try AlertmanagerAPI.silences(try fixture("alertmanager-silences.json"))
        #expect(silences.count == 1)
        let s = silences[0]
        #expect(s.id == "87bc90f7-e003-48ea-961a-6f9982d1e88f" && s.state == .active)
        #expect(s.matchers == [SilenceMatcher(name: "alertname", value: "GPUHot")])
        #expect(s.createdBy == "oncall@host" && s.comment == "fan replaced")
        #expect(try #require(s.endsAt) - (try #require(s.startsAt)) > 7100)
        #expect(try AlertmanagerAPI.createdSilence(try fixture("alertmanager-silence-created.json")) == "87bc90f7-e003-48ea-961a-6f9982d1e88f")
    }

    @Test func untrustedTextIsSanitised() throws {
        let body = #"[{"labels":{"alertname":"X\u001b[2J","chute":"a\u0007b"},"annotations":{"summary":"\u001b]0;owned\u0007hi"},"#
            + #""fingerprint":"f","startsAt":"2026-11-29T21:37:25Z","status":{"state":"active","silencedBy":[],"inhibitedBy":[]}}]"#
        let a = try #require(try AlertmanagerAPI.alerts(Data(body.utf8)).first)
        for text in [a.name, a.chute ?? "", a.summary ?? ""] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("<html>502 Bad Gateway</html>", "not an Alertmanager API reply"),
        (#"{"status":"success"}"#, "not a JSON array"),
        (#"[{"labels":{}}]"#, "has no status.state"),
        (#"[{"status":{"state":"firing"}}]"#, "unknown state 'firing'"),
        (#"[42]"#, "is not an object"),
    ])
    func badBodiesFailWithASentence(body: String, says: String) {
        #expect { try AlertmanagerAPI.alerts(Data(body.utf8)) } throws: { "\($0)".contains(says) }
    }

    @Test func badSilenceRepliesFail() {
        #expect { try AlertmanagerAPI.createdSilence(Data(#"{"code":400,"message":"bad"}"#.utf8)) } throws: { "\($0)".contains("no silenceID") }
        #expect { try AlertmanagerAPI.silences(Data(#"[{"status":{}}]"#.utf8)) } throws: { "\($0)".contains("has no id") }
    }
}
