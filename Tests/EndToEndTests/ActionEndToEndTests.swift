import Foundation
import TestSupport
import TestLanes
import Testing

/// Actions from `chutetop demo` on a real pty: scale a chute from the UI and watch it converge,
/// restart an instance and watch it come back, then find intent and result records of both in
/// the audit log; in read-only mode the actions are absent and `chutetop run` refuses.
@Suite(.lane(.live), .serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct ActionEndToEndTests {
    /// The demo with bge-m3 filtered and its actions menu open.
    static func actionsOnBGE(audit: String) async throws -> TmuxSession {
        let tmux = try DashboardFlowTests.demo("--audit-log \(audit)")
        try await DashboardFlowTests.filter(tmux, "bge-m3")
        try tmux.send("x")
        try await tmux.waitFor(text: "Actions on bge-m3")
        return tmux
    }

    static func auditPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-e2e-audit-\(UUID().uuidString).jsonl").path
    }

    @Test func scaleAndRestartFromTheUIConvergeAndAreAudited() async throws {
        let audit = Self.auditPath()
        let tmux = try await Self.actionsOnBGE(audit: audit)
        try tmux.send("Enter")
        try await tmux.waitFor(text: "instances: ")
        try tmux.send("C-u", "2", "Enter")
        var screen = try await tmux.waitFor(text: "[ Cancel ]")
        #expect(screen.contains("→ 2 instances"), "\(screen)")
        #expect(screen.contains("/chutes/bge-m3/scale"))
        #expect(screen.contains("{\"instances\": 2}"))
        try tmux.send("Tab", "Enter")
        try await tmux.waitFor(text: "scale bge-m3: done: HTTP 202")
        screen = try await tmux.waitFor(text: "converged: 2 instances ready", timeout: .seconds(120))
        // Restart one instance from the instance view.
        try tmux.send("Enter")
        try await tmux.waitFor(text: "Instances")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "Health and readiness")
        try tmux.send("x")
        try await tmux.waitFor(text: "Actions on bge-m3/i-1")
        try tmux.send("Enter")
        screen = try await tmux.waitFor(text: "[ Cancel ]")
        #expect(screen.contains("/chutes/bge-m3/instances/i-1/restart"))
        try tmux.send("Tab", "Enter")
        try await tmux.waitFor(text: "restart-instance bge-m3/i-1: done: HTTP 202")
        try await tmux.waitFor(text: "restart complete: i-1 ready again", timeout: .seconds(120))
        try tmux.send("U")
        try await tmux.waitFor(text: "Audit log")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
        let lines = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { "\($0["action"]!) \($0["phase"]!)" } == ["scale intent", "scale result", "restart-instance intent", "restart-instance result"])
        #expect(records[1]["succeeded"] as? Bool == true && records[3]["succeeded"] as? Bool == true)
        #expect((records[0]["parameters"] as? [String: String]) == ["instances": "2"])
        #expect(records[0]["before"] != nil && records[0]["user"] != nil && records[0]["host"] != nil)
        // The results carry the state the control API listed just after each action.
        let afterScale = try #require(records[1]["after"] as? [String: Any])
        #expect((afterScale["counts"] as? [String: Any])?["target"] as? Int == 2, "\(afterScale)")
        let afterRestart = try #require(records[3]["after"] as? [String: Any])
        #expect(afterRestart["phase"] as? String == "starting", "\(afterRestart)")
    }

    /// `chutetop run` with a runbook whose command step is given a bearer token through
    /// `{{env.X}}` and prints it: the token reaches neither the terminal (stdout, stderr) nor
    /// the audit log; the result record carries the chute's state after.
    @Test func aTokenThroughEnvIntoACommandsOutputIsNeverShownOrAudited() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = "zz-secret-\(UUID().uuidString.prefix(8))"
        try """
            contexts:
              - name: sim
                source: {kind: simulator, scenario: steady}
            runbooks:
              - name: leak-check
                scope: chute
                dangerous: false
                confirm: false
                steps:
                  - command: [/usr/bin/printf, "%s %s\\n", "Authorization: Bearer {{env.RUNBOOK_TOKEN}}", "{{env.RUNBOOK_TOKEN}}"]
            """.write(toFile: dir + "/config.yaml", atomically: true, encoding: .utf8)
        let audit = dir + "/audit.jsonl"
        let r = try ChildProcess.run([try BuildProducts.executable("chutetop"), "run", "--config", dir + "/config.yaml", "--yes",
                                      "--audit-log", audit, "leak-check", "bge-m3"],
                                     environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir, "RUNBOOK_TOKEN": token])
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("done: exit 0: Authorization: Bearer <redacted> <redacted>"), "\(r.stdout)")
        #expect(r.stdout.contains("after: "), "\(r.stdout)")
        #expect(!r.stdout.contains(token) && !r.stderr.contains(token))
        let written = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(!written.contains(token), "\(written)")
        let records = try written.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { $0["phase"] as? String } == ["intent", "result"])
        #expect(((records[1]["after"] as? [String: Any])?["counts"] as? [String: Any])?["current"] != nil, "\(records[1])")
    }

    /// The scale form as an operator meets it: the count is prefilled and selected, so typing
    /// 3 gives 3 (the confirmation says 1 → 3); a count above the chute's maximum is refused in
    /// the form, naming the limits; cancelling sends and audits nothing.
    @Test func typingReplacesThePrefilledCountAndTheChutesLimitsHold() async throws {
        let audit = Self.auditPath()
        let tmux = try await Self.actionsOnBGE(audit: audit)
        try tmux.send("Enter")
        var screen = try await tmux.waitFor(text: "bge-m3 allows 1–4 instances")
        #expect(screen.contains("instances: 1 ") && screen.contains("now 1."), "\(screen)")
        try tmux.send("3", "Enter")
        screen = try await tmux.waitFor(text: "[ Cancel ]")
        #expect(screen.contains("1 → 3 instances"), "\(screen)")
        #expect(screen.contains("{\"instances\": 3}"), "\(screen)")
        try tmux.send("Enter")  // Cancel is focused
        try await tmux.waitFor(text: "cancelled: nothing sent")
        try tmux.send("x")
        try await tmux.waitFor(text: "Actions on bge-m3")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "bge-m3 allows 1–4 instances")
        try tmux.send("9", "Enter")
        screen = try await tmux.waitFor(text: "instances: 9 is out of range")
        #expect(screen.contains("bge-m3 allows 1–4 instances; change its limits"), "\(screen)")
        #expect(!screen.contains("[ Cancel ]"))
        try tmux.send("Escape")
        try await tmux.waitFor(text: "cancelled: nothing sent")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
        #expect(!FileManager.default.fileExists(atPath: audit))
    }

    @Test func readOnlyHasNoActionsAndRunRefuses() async throws {
        let tmux = try DashboardFlowTests.demo("--read-only")
        var screen = try await tmux.waitFor("the fleet, read-only") { $0.contains("READ-ONLY") && $0.contains("bge-m3") }
        try tmux.send("Enter")
        screen = try await tmux.waitFor(text: "Instances")
        #expect(!screen.contains("x actions"))
        try tmux.send("x")
        try await tmux.waitFor(text: "read-only context: no actions")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)

        let audit = Self.auditPath()
        let r = try ChildProcess.run([try BuildProducts.executable("chutetop"), "run", "--demo", "--read-only", "--yes",
                                      "--audit-log", audit, "scale", "bge-m3", "2"],
                                     environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("refused: context 'demo' is read-only"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: audit))
        // Without --yes and without a terminal it refuses too, and sends nothing.
        let unconfirmed = try ChildProcess.run([try BuildProducts.executable("chutetop"), "run", "--demo", "--audit-log", audit,
                                                "scale", "bge-m3", "2"], environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(unconfirmed.status == 3)
        #expect(unconfirmed.stdout.contains("POST http://127.0.0.1:"))
        #expect(unconfirmed.stderr.contains("no terminal to confirm on"))
        #expect(!FileManager.default.fileExists(atPath: audit))
        let confirmed = try ChildProcess.run([try BuildProducts.executable("chutetop"), "run", "--demo", "--yes", "--reason", "e2e",
                                              "--audit-log", audit, "restart-instance", "bge-m3/i-1"],
                                             environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(confirmed.status == 0, "\(confirmed.stdout) \(confirmed.stderr)")
        #expect(try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").count == 2)
    }
}
