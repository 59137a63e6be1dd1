import Foundation
import TestSupport
import TestLanes
import Testing

/// A `kind: chutes` context against `chutetop sim`'s /platform facade (a key required, the
/// platform's rate limit on): `snapshot --json` and `check --json` keep the JSON contract with
/// what the platform lacks absent, `chutetop run warm-up|disable|enable` headless (audited,
/// refused read-only), and the dashboard on a real pty: the account's chutes with the
/// simulator's instance counts, utilisation labelled as concurrency, an instance's logs,
/// disable and enable confirmed and audited, warm-up shown until hot, and nothing in read-only.
@Suite(.lane(.live), .serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct ChutesPlatformEndToEndTests {
    static let key = "cpk_00000000000000000000000000000001.00000000000000000000000000000002.e2etestkey"

    /// The simulator (five times real time: a 40 s cold start takes 8 s) and a config naming it.
    struct Platform {
        let sim: BackgroundProcess
        let port: Int
        let dir: URL
        var config: String { dir.appendingPathComponent("chutes.yaml").path }
        var environment: [String: String] { ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir.path, "CHUTES_API_KEY": ChutesPlatformEndToEndTests.key] }

        static func start() async throws -> Platform {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-chutes-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let port = BackgroundProcess.freePort()
            let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)", "--token", key,
                                             "--scenario", "steady", "--seed", "3", "--speed", "5"], logPath: dir.appendingPathComponent("sim.log").path)
            try """
                contexts:
                  - name: account
                    source:
                      kind: chutes
                      url: http://127.0.0.1:\(port)/platform
                      auth: {tokenEnv: CHUTES_API_KEY}
                  - name: two
                    source:
                      kind: chutes
                      url: http://127.0.0.1:\(port)/platform
                      auth: {tokenEnv: CHUTES_API_KEY, scheme: bearer}
                      include: [e5-mistral-7b-instruct, bge-m3]
                  - name: renamed
                    source:
                      kind: chutes
                      url: http://127.0.0.1:\(port)/platform
                      auth: {tokenEnv: CHUTES_API_KEY}
                      include: [bge-m3, whisper-large-v4]
                  - name: split
                    sources:
                      inventory: {kind: chutes, url: "http://127.0.0.1:\(port)/platform", auth: {tokenEnv: CHUTES_API_KEY}}
                      metrics: {kind: prometheus, url: "http://127.0.0.1:\(BackgroundProcess.freePort())"}
                """.write(to: dir.appendingPathComponent("chutes.yaml"), atomically: true, encoding: .utf8)
            let platform = Platform(sim: sim, port: port, dir: dir)
            for _ in 0..<100 {
                if (try? await platform.truth()) != nil { return platform }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw TmuxSession.Failure.commandFailed("the simulator did not start: \(sim.logTail)")
        }

        func stop() {
            sim.stop()
            try? FileManager.default.removeItem(at: dir)
        }

        /// `/sim/truth`: per chute, its instances with their phases.
        func truth() async throws -> [String: [String: Any]] {
            let r = try await ChildProcess.runOffPool(["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/sim/truth"])
            guard r.status == 0, let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                  let chutes = object["chutes"] as? [[String: Any]] else { throw TmuxSession.Failure.commandFailed("no truth: \(r.stderr)") }
            return Dictionary(uniqueKeysWithValues: chutes.map { ($0["name"] as! String, $0) })
        }

        /// Instances the platform lists (starting or ready) and ready ones, per chute.
        func counts() async throws -> [String: (listed: Int, ready: Int)] {
            try await truth().mapValues { c in
                let instances = c["instances"] as? [[String: Any]] ?? []
                let phases = instances.compactMap { $0["phase"] as? String }
                return (phases.filter { $0 == "starting" || $0 == "ready" }.count, phases.filter { $0 == "ready" }.count)
            }
        }

        func chutetop(_ args: [String]) async throws -> ChildProcess.Result {
            try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop")] + args, environment: environment)
        }
    }

    @Test func snapshotCheckAndRunOnAChutesContext() async throws {
        let platform = try await Platform.start()
        defer { platform.stop() }
        let snapshot = try await platform.chutetop(["snapshot", "--config", platform.config, "--context", "account", "--json", "--window", "1"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(snapshot.stdout.utf8)) as? [String: Any])
        #expect(out["source"] as? String == "chutes")
        #expect((out["sourceProblems"] as? [Any])?.isEmpty == true, "\(out["sourceProblems"] ?? "")")
        let chutes = try #require(out["chutes"] as? [[String: Any]])
        let truth = try await platform.counts()
        #expect(chutes.count == truth.count)
        for c in chutes {
            let name = try #require(c["name"] as? String)
            let counts = try #require(c["counts"] as? [String: Any])
            #expect(counts["current"] as? Int == truth[name]?.listed, "\(name)")
            #expect(counts["target"] is Int, "\(name): the autoscaler's target, read with the first listing: \(counts)")
            let busy = try #require(c["busy"] as? [String: Any], "\(name) has no busy figures")
            #expect(busy["current"] is Double && busy["hour"] is Double)
            // What the platform lacks is absent, not 0: GPU, 5xx ratio, latency.
            #expect(c["gpu"] == nil && (c["gpuUnseen"] as? String)?.contains("does not expose GPU") == true)
            for key in ["errorRatio", "p50", "p95", "p99"] { #expect((c[key] as? [String: Any])?["value"] == nil, "\(name) \(key)") }
            #expect((c["requestRate"] as? [String: Any])?["value"] is Double)
        }
        let check = try await platform.chutetop(["check", "--config", platform.config, "--context", "two", "--json", "--window", "1"])
        #expect([0, 1, 2].contains(check.status), "\(check.stderr)")
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        #expect((checked["chutes"] as? [[String: Any]])?.compactMap { $0["name"] as? String }.sorted() == ["bge-m3", "e5-mistral-7b-instruct"])

        // A chute `include` names that the account does not have (deleted, renamed) is not "OK".
        let renamed = try await platform.chutetop(["check", "--config", platform.config, "--context", "renamed", "--window", "1"])
        #expect(renamed.status == 1 && renamed.stdout.contains("WARNING whisper-large-v4: the key's account has no chute named or numbered 'whisper-large-v4'"),
                "\(renamed.status) \(renamed.stdout) \(renamed.stderr)")

        // As text: busy in a column of its own, GPU said to be unexposed, the platform's 5-minute span named.
        let table = try await platform.chutetop(["snapshot", "--config", platform.config, "--context", "account", "--window", "1"])
        #expect(table.status == 0 && table.stdout.contains("BUSY% (CONCURRENCY)") && table.stdout.contains("Rates over the source's last 300 s."), "\(table.stdout)")
        #expect(table.stdout.contains("GPU: the Chutes platform does not expose GPU utilisation"), "\(table.stdout)")
        // A wrong key: exit 3, and why in words.
        var wrong = platform.environment
        wrong["CHUTES_API_KEY"] = "cpk_wrong"
        let refused401 = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "check", "--config", platform.config,
                                                            "--context", "account", "--window", "1"], environment: wrong)
        #expect(refused401.status == 3 && refused401.stderr.contains("the platform refused the key (HTTP 401"), "\(refused401.stderr)")

        // The platform lists and acts, Prometheus reads (here: nothing answers, and that is said, not guessed).
        let split = try await platform.chutetop(["snapshot", "--config", platform.config, "--context", "split", "--json", "--window", "1"])
        let splitOut = try #require(try JSONSerialization.jsonObject(with: Data(split.stdout.utf8)) as? [String: Any], "\(split.stderr)")
        #expect(splitOut["source"] as? String == "chutes + prometheus")
        let splitChutes = try #require(splitOut["chutes"] as? [[String: Any]])
        #expect(splitChutes.count == truth.count && splitChutes.allSatisfy { $0["busy"] == nil && $0["gpuUnseen"] == nil })
        #expect((splitOut["sourceProblems"] as? [[String: Any]])?.contains { ($0["error"] as? String)?.contains("Prometheus") == true } == true,
                "\(splitOut["sourceProblems"] ?? "")")

        // Headless actions: disable (instances deleted), warm-up refused while disabled, enable, warm-up until hot.
        let audit = platform.dir.appendingPathComponent("audit.jsonl").path
        let run = { (action: String) in
            try await platform.chutetop(["run", action, "e5-mistral-7b-instruct", "--config", platform.config, "--context", "account",
                                         "--yes", "--audit-log", audit, "--reason", "e2e"])
        }
        let readOnly = try await platform.chutetop(["run", "disable", "e5-mistral-7b-instruct", "--config", platform.config, "--context", "account",
                                                    "--yes", "--read-only", "--audit-log", audit])
        #expect(readOnly.status == 3 && readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
        let disable = try await run("disable")
        #expect(disable.status == 0, "\(disable.stdout) \(disable.stderr)")
        #expect(disable.stdout.contains("PUT http://127.0.0.1:\(platform.port)/platform/chutes/") && disable.stdout.contains(#"{"disabled": true}"#))
        #expect(disable.stdout.contains("done: HTTP 200"), "\(disable.stdout)")
        #expect(try await platform.counts()["e5-mistral-7b-instruct"]?.listed == 0)
        let refused = try await run("warm-up")
        #expect(refused.status == 1 && refused.stdout.contains("HTTP 503") && refused.stdout.contains("disabled"), "\(refused.stdout)")
        let enable = try await run("enable")
        #expect(enable.status == 0 && enable.stdout.contains("done: HTTP 200"), "\(enable.stdout) \(enable.stderr)")
        let warm = try await run("warm-up")
        #expect(warm.status == 0, "\(warm.stdout) \(warm.stderr)")
        #expect(warm.stderr.contains("waiting for instances") && warm.stderr.contains("chute is hot"), "\(warm.stderr)")
        #expect(try await platform.counts()["e5-mistral-7b-instruct"]?.ready ?? 0 >= 1)
        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.map { "\($0["action"]!) \($0["phase"]!)" } == ["disable intent", "disable result", "warm-up intent", "warm-up result",
                                                                     "enable intent", "enable result", "warm-up intent", "warm-up result"])
        #expect(!((try? String(contentsOfFile: audit, encoding: .utf8)) ?? "").contains(Self.key), "the key never reaches the audit log")
    }

    @Test func theDashboardListsActsAndStaysReadOnlyWhenAsked() async throws {
        let platform = try await Platform.start()
        defer { platform.stop() }
        let audit = platform.dir.appendingPathComponent("audit.jsonl").path
        let command = try TerminalLifecycleTests.chutetop("--config \(platform.config) --context account --audit-log \(audit)")
        let tmux = try TmuxSession(width: 160, height: 48, shellCommand: TerminalLifecycleTests.wrapped(command),
                                   environment: ["CHUTES_API_KEY": Self.key, "HOME": platform.dir.path])
        var screen = try await tmux.waitFor("the account's chutes with their busy figures") {
            $0.contains("Busy (concurrency)") && $0.contains("e5-mistral-7b-") && $0.contains("not exposed") && $0.contains("%")
        }
        #expect(screen.contains("GPU not exposed"), "\(screen)")
        // Ready counts as the simulator has them (long names are shortened: their first 12 characters tell them apart).
        let truth = try await platform.counts()
        var seen = 0
        for line in screen.split(separator: "\n") {
            guard let name = truth.keys.first(where: { line.contains(" \($0.prefix(12))") }) else { continue }
            seen += 1
            let ready = line.split(separator: " ").first { $0.filter { $0 == "/" }.count == 2 }.flatMap { Int($0.split(separator: "/")[0]) }
            #expect(ready == truth[name]?.ready, "\(name): \(line)")
        }
        #expect(seen == truth.count, "\(screen)")
        // The chute view: the platform's figures labelled as concurrency; then an instance's logs.
        try tmux.send("/")
        try tmux.send("-l", "e5-mistral")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "filter: e5-mistral")
        try tmux.send("Enter")
        screen = try await tmux.waitFor(text: "busy (concurrency)")
        #expect(screen.contains("GPU utilisation not exposed") && screen.contains("platform hot") && screen.contains("GPU type 1 × a100"), "\(screen)")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "Health and readiness")
        try tmux.send("l")
        screen = try await tmux.waitFor("log lines from the platform") { $0.contains("Log") && $0.contains("req=") }
        #expect(!screen.contains("waiting for log lines"), "\(screen)")
        try tmux.send("Escape")
        try tmux.send("Escape")
        try await tmux.waitFor(text: "busy (concurrency)")
        // Disable: the confirmation says the instances are deleted; Cancel is the default.
        try tmux.send("x")
        try await tmux.waitFor(text: "Actions on e5-mistral-7b-instruct")
        try tmux.send("Down", "Down", "Down", "Enter")
        screen = try await tmux.waitFor(text: "[ Cancel ]")
        #expect(screen.contains("DELETES all its instances") && screen.contains(#"{"disabled": true}"#), "\(screen)")
        try tmux.send("Tab", "Enter")
        try await tmux.waitFor(text: "disable e5-mistral-7b-instruct: done: HTTP 200")
        try await tmux.waitFor("the chute cold, without instances", timeout: .seconds(60)) { $0.contains("platform cold") && $0.contains("0/0 ready") }
        // Enable, then warm-up: its stream is shown until the chute is hot.
        try tmux.send("x")
        try await tmux.waitFor(text: "Actions on e5-mistral-7b-instruct")
        try tmux.send("Down", "Down", "Down", "Down", "Enter")
        try await tmux.waitFor(text: "[ Cancel ]")
        try tmux.send("Tab", "Enter")
        try await tmux.waitFor(text: "enable e5-mistral-7b-instruct: done: HTTP 200")
        try tmux.send("x")
        try await tmux.waitFor(text: "Actions on e5-mistral-7b-instruct")
        try tmux.send("Down", "Down", "Enter")
        try await tmux.waitFor(text: "[ Cancel ]")
        try tmux.send("Tab", "Enter")
        try await tmux.waitFor(text: "warm-up e5-mistral-7b-instruct: waiting for instances")
        try await tmux.waitFor(text: "warm-up e5-mistral-7b-instruct: done: HTTP 200", timeout: .seconds(90))
        try await tmux.waitFor(text: "platform hot", timeout: .seconds(60))
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(records.count == 6 && records.allSatisfy { !$0.contains(Self.key) })

        // Read-only: no actions, and none of the three runs.
        let readOnly = try TmuxSession(width: 160, height: 48,
                                       shellCommand: TerminalLifecycleTests.wrapped(try TerminalLifecycleTests.chutetop("--config \(platform.config) --context account --read-only --audit-log \(audit)")),
                                       environment: ["CHUTES_API_KEY": Self.key, "HOME": platform.dir.path])
        try await readOnly.waitFor("the account, read-only") { $0.contains("READ-ONLY") && $0.contains("e5-mistral-7b-") }
        try readOnly.send("x")
        try await readOnly.waitFor(text: "read-only context: no actions")
        try readOnly.send("q")
        try await TerminalLifecycleTests.expectCleanExit(readOnly, status: 0)
        for action in ["warm-up", "disable", "enable"] {
            let r = try await platform.chutetop(["run", action, "bge-m3", "--config", platform.config, "--context", "account", "--yes", "--read-only",
                                                 "--audit-log", audit])
            #expect(r.status == 3 && r.stderr.contains("refused: context 'account' is read-only"), "\(action): \(r.stderr)")
        }
        #expect(try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").count == 6)
    }
}
