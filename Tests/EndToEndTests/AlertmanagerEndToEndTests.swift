import Foundation
import TestSupport
import TestLanes
import Testing

/// One scenario, in sequence, against real peers: `chutetop sim` runs the error-spike scenario
/// (deepseek-r1-distill-qwen-32b returns 15 % errors from its first simulated minute), a real
/// Prometheus scrapes it through /sim/targets and evaluates a rule every second that routes to a
/// real Alertmanager. Then: `check --json` lists the alert with origin alertmanager and exits 2
/// (critical); the dashboard (tmux, the real binary) shows it in the alerts view; `x` on it
/// silences it with matchers from its labels (read back from Alertmanager's API) and the view
/// shows it silenced; `chutetop run silence` silences the chute headless; `--read-only`
/// refuses; the audit log holds intent and result of both. Under CI=true a missing
/// prometheus, alertmanager or tmux fails.
@Suite(.lane(.live), .serialized, .enabled(if: AlertmanagerServer.shouldRun && PrometheusServer.shouldRun && TmuxSession.shouldRun,
                             "prometheus, prometheus-alertmanager or tmux is not installed"))
struct AlertmanagerEndToEndTests {
    static let chute = "deepseek-r1-distill-qwen-32b"
    static let rules = """
        groups:
          - name: chutes
            rules:
              - alert: ChuteErrorRate
                expr: sum by (chute) (rate(http_requests_total{status=~"5.."}[15s])) / sum by (chute) (rate(http_requests_total[15s])) > 0.05
                for: 2s
                labels: {severity: critical}
                annotations:
                  summary: '5xx ratio {{ $value | humanizePercentage }} on {{ $labels.chute }}'
                  description: 'More than 5% of requests to {{ $labels.chute }} failed over 15s.'

        """

    /// GET from Alertmanager's API on a thread of its own (never blocking the shared test pool).
    static func get(_ url: String) async throws -> Any? {
        let r = try await ChildProcess.runOffPool(["python3", "-c", "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())", url])
        guard r.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    static func waitUntil(_ what: String, timeout: Duration = .seconds(150), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("timed out waiting for \(what)")
        throw TmuxSession.Failure.timedOut(waitingFor: what, screen: "")
    }

    static func alertmanagerAlerts(_ am: AlertmanagerServer) async throws -> [[String: Any]] {
        try await get(am.url + "/api/v2/alerts") as? [[String: Any]] ?? []
    }

    static func silences(_ am: AlertmanagerServer) async throws -> [[String: Any]] {
        (try await get(am.url + "/api/v2/silences") as? [[String: Any]] ?? []).filter { ($0["status"] as? [String: Any])?["state"] as? String == "active" }
    }

    @Test func anAlertmanagerAlertIsShownCheckedAndSilenced() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-am-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let simPort = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(simPort)", "--scenario", "error-spike"],
                                        logPath: directory.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        let am = try AlertmanagerServer()
        defer { am.stop() }
        let prometheus = try PrometheusServer(simulatorPort: simPort, rules: Self.rules, alertmanagerPort: am.port)
        defer { prometheus.stop() }
        let config = directory.appendingPathComponent("config.yaml").path
        try """
            contexts:
              - name: am
                source: {kind: direct, controlAPI: http://127.0.0.1:\(simPort)/api/v1}
                alertmanager: {url: \(am.url)}
                poll: {health: 1s}
                alerts:
                  useDefaults: false
                  rules:
                    - {name: gpu-busy, condition: gpu-utilization-above, threshold: 1, severity: warning}

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let audit = directory.appendingPathComponent("audit.jsonl").path
        let chutetop = try BuildProducts.executable("chutetop")

        // The rule fires (errors start at the scenario's first minute) and reaches Alertmanager.
        try await Self.waitUntil("ChuteErrorRate on \(Self.chute) at Alertmanager") {
            try await Self.alertmanagerAlerts(am).contains { ($0["labels"] as? [String: String])?["chute"] == Self.chute }
        }

        // check --json: the alert with its origin, labels, state and silencedBy; exit 2, which only
        // Alertmanager's critical alert can give (chutetop's one rule here is a warning).
        var r = try await ChildProcess.runOffPool([chutetop, "check", "--config", config, "--context", "am", "--json", "--window", "1"])
        #expect(r.status == 2, "\(r.stderr)")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var alerts = try #require(json["alerts"] as? [[String: Any]])
        var external = try #require(alerts.first { $0["origin"] as? String == "alertmanager" && $0["chute"] as? String == Self.chute }, "\(r.stdout)")
        #expect((external["labels"] as? [String: String])?["alertname"] == "ChuteErrorRate")
        #expect(external["state"] as? String == "active" && (external["silencedBy"] as? [String]) == [])
        #expect(alerts.allSatisfy { ["chutetop", "alertmanager"].contains($0["origin"] as? String) })
        #expect(alerts.contains { $0["origin"] as? String == "chutetop" && $0["rule"] as? String == "gpu-busy" })
        #expect(json["highestFiringSeverity"] as? String == "critical")

        // The dashboard: the alert in the alerts view; x on it, matchers from its labels, confirm.
        let tmux = try TmuxSession(width: 200, height: 50, shellCommand: TerminalLifecycleTests.wrapped(
            try TerminalLifecycleTests.chutetop("--config \(config) --context am --audit-log \(audit)")))
        try await tmux.waitFor(text: Self.chute)
        try tmux.send("A")
        var screen = try await tmux.waitFor("the Alertmanager panel with the alert") { $0.contains("Alertmanager") && $0.contains("ChuteErrorRate") }
        #expect(screen.contains("5xx ratio"), "\(screen)")
        try tmux.send("G")
        try await tmux.waitFor(text: "labels: alertname=ChuteErrorRate")
        try tmux.send("x")
        try await tmux.waitFor(text: "expire-silence")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "duration: 2h")
        try tmux.send("Enter")
        try tmux.send("-l", "e2e from the dashboard")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "matchers: ")
        try tmux.send("Enter")
        screen = try await tmux.waitFor(text: "[ Cancel ]")
        #expect(screen.contains("/api/v2/silences"), "\(screen)")
        try tmux.send("Tab", "Enter")
        screen = try await tmux.waitFor(text: "done: HTTP 200 silence")
        try await tmux.waitFor("the alert shown silenced") { $0.contains("silenced") && $0.contains("silence ") }

        // Read back from Alertmanager: one silence, the alert's labels as matchers, who and why.
        var silences = try await Self.silences(am)
        #expect(silences.count == 1)
        let fromDashboard = try #require(silences.first)
        let matchers = (fromDashboard["matchers"] as? [[String: Any]] ?? []).map { "\($0["name"]!)=\($0["value"]!)" }
        #expect(matchers.contains("alertname=ChuteErrorRate") && matchers.contains("chute=\(Self.chute)"), "\(matchers)")
        #expect(fromDashboard["comment"] as? String == "e2e from the dashboard")
        #expect((fromDashboard["createdBy"] as? String)?.contains("@") == true)
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)

        // Headless: chutetop run silence CHUTE DURATION COMMENT.
        r = try await ChildProcess.runOffPool([chutetop, "run", "silence", Self.chute, "30m", "e2e from run", "--config", config, "--context", "am",
                                               "--yes", "--audit-log", audit])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("done: HTTP 200 silence"), "\(r.stdout)")
        silences = try await Self.silences(am)
        let fromRun = try #require(silences.first { $0["comment"] as? String == "e2e from run" }, "\(silences)")
        #expect((fromRun["matchers"] as? [[String: Any]])?.map { "\($0["name"]!)=\($0["value"]!)" } == ["chute=\(Self.chute)"])

        // --read-only refuses and sends nothing.
        r = try await ChildProcess.runOffPool([chutetop, "run", "silence", Self.chute, "30m", "refused", "--config", config, "--context", "am",
                                               "--yes", "--read-only", "--audit-log", audit])
        #expect(r.status == 3 && r.stderr.contains("read-only"), "\(r.stderr)")
        #expect(try await Self.silences(am).count == 2)

        // check --json again: the alert is silenced, so it no longer counts (exit 1: chutetop's warning).
        r = try await ChildProcess.runOffPool([chutetop, "check", "--config", config, "--context", "am", "--json", "--window", "1"])
        #expect(r.status == 1, "\(r.stdout)")
        json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        alerts = try #require(json["alerts"] as? [[String: Any]])
        external = try #require(alerts.first { $0["origin"] as? String == "alertmanager" && $0["chute"] as? String == Self.chute })
        #expect(external["state"] as? String == "suppressed" && external["firing"] as? Bool == false)
        #expect(Set(external["silencedBy"] as? [String] ?? []).count == 2, "\(external)")

        // The audit log: intent and result of both silences, in order, both succeeded.
        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { "\($0["action"]!) \($0["phase"]!)" } == ["silence intent", "silence result", "silence intent", "silence result"])
        #expect(records[1]["succeeded"] as? Bool == true && records[3]["succeeded"] as? Bool == true)
        #expect((records[1]["detail"] as? String)?.contains("silence ") == true)
        #expect((records[2]["parameters"] as? [String: String])?["comment"] == "e2e from run")
    }
}
