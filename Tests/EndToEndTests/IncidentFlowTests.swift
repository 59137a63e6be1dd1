import Foundation
import TestSupport
import TestLanes
import Testing

/// The incident timeline end to end, on a real pty (tmux) with the state directory of its
/// own: in `chutetop demo` an alert is acknowledged, an incident started and a note added;
/// after quitting and starting again the timeline shows the note and the acknowledgement and
/// the alerts view the acknowledgement still in force; the incident is written to Markdown
/// from the dashboard (`:incident export PATH`) and printed by `chutetop incident export`.
@Suite(.lane(.live), .serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct IncidentFlowTests {
    static let llama = "llama-3.1-70b-instruct"

    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-incident-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func demo(_ scenario: String, state: String, record: String? = nil) throws -> TmuxSession {
        let command = try TerminalLifecycleTests.chutetop("demo --scenario \(scenario)" + (record.map { " --record \($0)" } ?? ""))
        return try TmuxSession(width: 160, height: 48, shellCommand: TerminalLifecycleTests.wrapped(command), environment: ["XDG_STATE_HOME": state])
    }

    /// The alerts view's row of llama's breaker alert.
    /// The alerts view's row of a firing breaker alert of llama (of `instance`, when given: the
    /// alert is an instance's, and llama has two).
    static func breakerAlert(_ screen: String, of instance: String? = nil) -> String {
        guard screen.contains("Fleet ▶ Alerts") else { return "" }
        let subject = instance.map { "\(llama)/\($0) " } ?? "llama"
        return screen.split(separator: "\n").first { $0.contains(" firing ") && $0.contains("breaker-o") && $0.contains(subject) }.map(String.init) ?? ""
    }

    @Test func aNoteAndAnAcknowledgementSurviveARestartAndTheIncidentIsHandedOver() async throws {
        let dir = try Self.scratch()
        let state = dir + "/state"
        // llama's database is down from the start and stays down: its breakers open and the
        // breaker-open alerts fire, in both sessions and in the export's snapshot (the
        // simulation starts again each time; its breakers stay open 30 s before half-opening).
        let scenario = dir + "/db-down.scenario"
        try """
            name        e2e-incident
            description llama's database down from the start
            0       *                        bursts off
            0       \(Self.llama)   dependency-down database
            """.write(toFile: scenario, atomically: true, encoding: .utf8)

        var tmux = try Self.demo(scenario, state: state)
        try await tmux.waitFor(text: Self.llama)
        try tmux.send("A")
        try await tmux.waitFor("llama's breaker alert", timeout: .seconds(60)) { !Self.breakerAlert($0).isEmpty }
        // Select it: move to its row (the list may move while alerts open, so the prompt is
        // checked and the selection tried again if it names another alert).
        var selected = false, prompt = "", acked = ""
        for _ in 0..<10 where !selected {
            // The alerts table's rows: below its header, inside the panel.
            let lines = try tmux.capture().split(separator: "\n")
            let rows = lines.drop { !$0.hasPrefix("│State") }.dropFirst().filter { $0.hasPrefix("│") && $0.count > 2 && $0.dropFirst().first != " " }
            guard let index = rows.firstIndex(where: { $0.contains("breaker-o") && $0.contains("llama") }) else {
                try await Task.sleep(for: .milliseconds(200))
                continue
            }
            // Which instance's alert: the acknowledgement is looked for on it after the restart.
            acked = rows[index].split(separator: " ").first { $0.hasPrefix(Self.llama + "/") }.map { String($0.dropFirst(Self.llama.count + 1)) } ?? ""
            try tmux.send(["g"] + Array(repeating: "j", count: index) + ["a"])
            prompt = try await tmux.waitFor(text: "- note:")
            selected = prompt.contains("Acknowledge breaker-open on \(Self.llama)")
            if !selected {
                try tmux.send("Escape")
                try await tmux.waitFor { !$0.contains("- note:") }
            }
        }
        try #require(selected, "\(prompt)")
        try #require(acked.hasPrefix("i-"), "no instance in the selected row")
        try tmux.send("-l", "db team paged")
        try tmux.send("Enter")
        try await tmux.waitFor("the alert acknowledged") { Self.breakerAlert($0, of: acked).contains("acked") }
        try await Self.enter(tmux, ":", "incident start llama database down", until: "started: llama database down")
        try await Self.enter(tmux, "i", "failing over to the replica", until: "note added to the timeline")
        try await Self.quit(tmux)
        let file = state + "/chutetop/timeline/demo.jsonl"
        let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)

        // Again, recorded: the timeline remembers, and the acknowledgement holds when the alert
        // fires again.
        let recording = dir + "/second.chuterec"
        tmux = try Self.demo(scenario, state: state, record: recording)
        try await tmux.waitFor(text: Self.llama)
        try tmux.send("T")
        var screen = try await tmux.waitFor(text: "failing over to the replica")
        #expect(screen.contains("acknowledged: db team paged"), "\(screen)")
        #expect(screen.contains("open incident") && screen.contains(": llama database down, since"), "\(screen)")
        try tmux.send("A")
        screen = try await tmux.waitFor("the breaker alert again", timeout: .seconds(60)) { !Self.breakerAlert($0, of: acked).isEmpty }
        #expect(Self.breakerAlert(screen, of: acked).contains("acked"), "\(screen)")
        // The handoff, from the dashboard.
        let handoff = dir + "/handoff.md"
        try await Self.enter(tmux, ":", "incident export \(handoff)", until: "incident written to")
        try await Self.quit(tmux)
        let written = try String(contentsOfFile: handoff, encoding: .utf8)
        Self.expectSections(written)
        #expect(written.contains("failing over to the replica"))
        #expect(written.contains("breaker-open@\(Self.llama)"))
        // The second session's recording covers part of the incident: the handoff names it.
        #expect(written.contains("- Recording: \(recording) ("), "\(written)")

        // And from the command line, with a fresh snapshot for what is firing now.
        let export = { (args: [String]) in
            try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "incident", "export", "--demo"] + args,
                                              environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir, "XDG_STATE_HOME": state])
        }
        let r = try await export(["--scenario", scenario, "--window", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        Self.expectSections(r.stdout)
        // What fires now, from the fresh snapshot, with the acknowledgement the timeline holds.
        let breaker = r.stdout.split(separator: "\n").first { $0.contains("breaker-open@\(Self.llama)/\(acked):") && $0.contains("(since") }
        #expect(breaker?.hasSuffix("; acknowledged)") == true, "\(r.stdout)")
        let json = try await export(["--scenario", scenario, "--window", "1", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "llama database down")
        #expect((object["notes"] as? [Any])?.count == 1)
        #expect((object["recording"] as? String)?.hasPrefix(recording + " (") == true, "\(object["recording"] ?? "no recording")")
        let missing = try await export(["--window", "1", "--incident", "no-such-incident"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such incident"), "\(missing.stderr)")
    }

    /// A key that opens a prompt, the text typed in it, enter, and what the dashboard says then.
    static func enter(_ tmux: TmuxSession, _ key: String, _ text: String, until said: String) async throws {
        try tmux.send(key)
        try await tmux.waitFor { $0.contains("Command (tab") || $0.contains("Note for the timeline") }
        try tmux.send("-l", text)
        try tmux.send("Enter")
        try await tmux.waitFor(text: said)
    }

    /// Quits once the fleet's request rate is known (so a minute of traffic is summarised),
    /// and checks the terminal is restored.
    static func quit(_ tmux: TmuxSession) async throws {
        try await tmux.waitFor("a request rate", timeout: .seconds(60), rateKnown)
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    /// The banner's fleet request rate is a figure, not "—".
    static func rateKnown(_ screen: String) -> Bool {
        guard let banner = screen.split(separator: "\n").first, let r = banner.range(of: " req/s") else { return false }
        return banner[..<r.lowerBound].last?.isNumber == true
    }

    static func expectSections(_ markdown: String) {
        for section in ["# Incident: llama database down", "## Firing now", "## Timeline", "## Actions taken", "## Notes", "## Affected chutes",
                        "### \(llama)"] {
            #expect(markdown.contains(section + "\n"), "no '\(section)' in:\n\(markdown)")
        }
        #expect(markdown.contains("req/s"))
        #expect(markdown.contains("error %"))
    }
}
