import Dashboard
import DashboardViews
import FleetEngine
import Foundation
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// The handoff: a deterministic timeline (an incident with an alert, a breaker, a flap, an
/// acknowledgement, an action with its audit record, notes, minutes of traffic) rendered as
/// Markdown and compared with the stored file (`__Snapshots__/incident-handoff.md`,
/// re-recorded with CHUTETOP_RECORD_SNAPSHOTS=1), and as JSON.
@Suite(.lane(.compute)) struct IncidentExportTests {
    /// 2026-11-30T03:14:05Z
    static let t0 = 1_796_008_445.0
    static let llama = "llama-3.1-70b-instruct"

    static func records() throws -> [TimelineRecord] {
        let target = PreparedAction.Target(context: "prod", chute: llama)
        let action = BuiltinActions.catalog(source: "direct", controlAPI: "http://10.0.0.1/api/v1")[0]
        let prepared = try PreparedAction.prepare(action, target: target, inputs: ["instances": "4"], controlAPI: "http://10.0.0.1/api/v1",
                                                  environment: [:]).get()
        var audit = AuditRecord(id: "5f0c2a9e", phase: "result", time: t0 + 400, user: "oncall", host: "laptop", prepared: prepared, reason: nil)
        audit.succeeded = true
        audit.detail = "HTTP 202"
        let events: [FleetEvent] = [
            FleetEvent(time: t0 - 600, chute: llama, kind: .note(text: "before the incident: not in the span")),
            FleetEvent(time: t0, chute: "", kind: .incidentStarted(id: "20261130-0314", title: "llama 5xx after the db failover")),
            FleetEvent(time: t0 + 30, chute: llama, instance: "i-1", kind: .breaker(name: "database", from: .closed, to: .open)),
            FleetEvent(time: t0 + 30, chute: llama, instance: "i-1",
                       kind: .alert(id: "breaker-open@\(llama)/i-1", rule: "breaker-open", severity: .critical, state: .firing,
                                    summary: "i-1: database open")),
            FleetEvent(time: t0 + 95, chute: llama, instance: "i-2", kind: .health(probe: .ready, from: .pass, to: .fail)),
            FleetEvent(time: t0 + 120, chute: llama, instance: "i-1",
                       kind: .alertHandled(id: "breaker-open@\(llama)/i-1", acknowledged: true, snoozedUntil: nil, note: "on it")),
            FleetEvent(time: t0 + 300, chute: llama, kind: .note(text: "db team paged; failover in progress")),
            FleetEvent(time: t0 + 400, chute: llama, kind: .action(name: "scale", succeeded: true, detail: "HTTP 202"), audit: audit),
            FleetEvent(time: t0 + 410, chute: llama, kind: .targetChanged(from: 2, to: 4)),
            FleetEvent(time: t0 + 600, chute: "whisper-large-v3", instance: "i-3", kind: .instanceRestarted),
            FleetEvent(time: t0 + 900, chute: "", kind: .note(text: "handing over to the day shift")),
        ]
        // Minutes of traffic: llama's errors rise while the breaker is open, whisper is steady
        // (one minute missing: a gap).
        var minutes: [TimelineRecord] = []
        let first = (t0 / 60).rounded(.down) * 60
        for k in 0..<16 {
            let m = first + Double(k * 60)
            let error = k >= 1 && k <= 6 ? 0.02 * Double(k) : 0.001
            minutes.append(.minute(ChuteMinute(chute: llama, minute: m, requestRate: 40 + Double(k % 5) * 3, errorRatio: error)))
            if k != 7 { minutes.append(.minute(ChuteMinute(chute: "whisper-large-v3", minute: m, requestRate: 12, errorRatio: 0))) }
        }
        // Out of order on purpose: the report orders by time.
        return minutes.reversed() + events.map(TimelineRecord.event)
    }

    static func firing() -> [Alert] {
        [Alert(id: "breaker-open@\(llama)/i-1", rule: "breaker-open", severity: .critical, chute: llama, instance: "i-1", state: .firing,
               since: t0 + 30, firedAt: t0 + 30, summary: "i-1: database open", acknowledged: true),
         Alert(id: "not-ready@\(llama)/i-2", rule: "not-ready", severity: .warning, chute: llama, instance: "i-2", state: .pending,
               since: t0 + 95, summary: "i-2: not ready")]
    }

    static func report() throws -> IncidentReport {
        try IncidentReport.build(context: "prod", records: records(), selection: .latest, firing: firing(), now: t0 + 960)
    }

    @Test func theMarkdownHandoffMatchesTheStoredFile() throws {
        let markdown = IncidentMarkdown.render(try Self.report())
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__/incident-handoff.md")
        if ProcessInfo.processInfo.environment["CHUTETOP_RECORD_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: file.path) {
            try markdown.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.path): check it by eye")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(markdown == expected, "differs from \(file.path) (CHUTETOP_RECORD_SNAPSHOTS=1 re-records)")
        for section in ["# Incident: llama 5xx after the db failover", "## Firing now", "## Timeline", "## Actions taken", "## Notes",
                        "## Affected chutes", "### \(Self.llama)", "### whisper-large-v3"] {
            #expect(markdown.contains("\n" + section + "\n") || markdown.hasPrefix(section + "\n"), "no \(section)")
        }
        #expect(!markdown.contains("not in the span"))
        #expect(!markdown.contains("Recording:"))
    }

    @Test func theSpanIsTheIncidentsAndEachPartIsInIt() throws {
        let r = try Self.report()
        #expect(r.incident == "20261130-0314" && r.start == "2026-11-30T03:14:05Z" && r.end == nil)
        #expect(r.firing?.map(\.id) == ["breaker-open@\(Self.llama)/i-1"])
        #expect(r.timeline.map(\.epoch) == r.timeline.map(\.epoch).sorted())
        #expect(r.timeline.count == 10)
        #expect(r.actions.first?.auditID == "5f0c2a9e" && r.actions.first?.user == "oncall@laptop")
        #expect(r.notes.map(\.on) == [Self.llama, "fleet"])
        #expect(r.chutes.map(\.chute) == [Self.llama, "whisper-large-v3"])
        #expect(r.chutes[1].requestRate[7] == nil)
        #expect(r.chutes[0].requestRate.count == 17)
    }

    @Test func jsonCarriesTheSameAndOmitsAnUnknownRecording() throws {
        var r = try Self.report()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(r), as: UTF8.self)
        #expect(!json.contains("\"recording\""))
        #expect(try JSONDecoder().decode(IncidentReport.self, from: encoder.encode(r)) == r)
        r.recording = "/var/lib/chutetop/night.rec"
        #expect(String(decoding: try encoder.encode(r), as: UTF8.self).contains(#""recording":"/var/lib/chutetop/night.rec""#))
        #expect(IncidentMarkdown.render(r).contains("- Recording: /var/lib/chutetop/night.rec"))
    }

    @Test func firingUnknownAndAMissingIncidentAreSaid() throws {
        let r = try IncidentReport.build(context: "prod", records: Self.records(), selection: .since(120), firing: nil,
                                         firingProblem: "the source could not be read (metrics): connection refused", now: Self.t0 + 960)
        #expect(r.title == "the last 2m")
        #expect(IncidentMarkdown.render(r).contains("Unknown: the source could not be read (metrics): connection refused."))
        #expect(throws: IncidentReport.Problem.self) {
            try IncidentReport.build(context: "prod", records: Self.records(), selection: .incident("nope"), firing: [], now: Self.t0)
        }
    }
}
