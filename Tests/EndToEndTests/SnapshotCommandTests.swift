import Foundation
import TestSupport
import TestLanes
import Testing

/// `chutetop snapshot` and `check` as the operator runs them: the real binary against the
/// in-process simulator over loopback HTTP.
@Suite(.lane(.live)) struct SnapshotCommandTests {
    func chutetop(_ args: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop")] + args,
                             environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every chute's figures against the truth the snapshot carries (`simulatorTruth`).
    func figureMisses(_ out: [String: Any]) -> [String] {
        SimulatorTruthComparison.figureMisses(chutes: out["chutes"] as? [[String: Any]] ?? [],
                                              truth: out["simulatorTruth"] as? [String: [String: Any]] ?? [:])
    }

    /// Rates, 5xx ratios and quantiles within 1 % of the simulator's own figures for the same
    /// seconds; instance counts and breaker states exact.
    @Test func snapshotAgreesWithTheSimulatorsTruth() async throws {
        let take = { try await self.chutetop(["snapshot", "--demo", "--scenario", "steady", "--seed", "11", "--window", "5", "--json", "--with-truth"]) }
        var r = try await take()
        #expect(r.status == 0, "\(r.stderr)")
        var out = try json(r.stdout)
        // The simulator counts in whole seconds. When one round's scrapes of a chute's instances
        // fall either side of a second's edge (seen under a loaded CI run, on a chute of six
        // instances), no window of whole seconds is the one summed, and a tail quantile from a
        // few dozen requests moves by a bucket. Such a snapshot is taken once more; the second
        // must agree. (A disagreement of chutetop's own arithmetic repeats.)
        let first = figureMisses(out)
        if !first.isEmpty {
            r = try await take()
            out = try json(r.stdout)
        }
        #expect(figureMisses(out).isEmpty, "first: \(first); again: \(figureMisses(out))")
        #expect(out["source"] as? String == "simulator")
        let chutes = try #require(out["chutes"] as? [[String: Any]])
        let truth = try #require(out["simulatorTruth"] as? [String: [String: Any]])
        #expect(chutes.count == 10)
        var compared = 0, llm = 0
        for c in chutes {
            let name = try #require(c["name"] as? String)
            let t = try #require(truth[name], "no truth for \(name)")
            // LLM chutes: the engine's queue, KV cache, tokens/s and TTFT p95 against the
            // simulator's own (compared in figureMisses); other chutes have neither.
            if let truthEngine = t["inference"] as? [String: Any] {
                let engine = try #require(c["inference"] as? [String: Any], "\(name) has no inference figures")
                #expect((engine["ageSeconds"] as? Double).map { $0 >= 0 && $0 < 5 } == true, "\(name) inference age")
                #expect(engine["engine"] as? String == truthEngine["engine"] as? String)
                llm += 1
            } else {
                #expect(c["inference"] == nil, "\(name) is not an LLM")
            }
            let counts = try #require(c["counts"] as? [String: Any])
            let instances = try #require(c["instances"] as? [[String: Any]])
            let truthInstances = try #require(t["instances"] as? [[String: Any]])
            #expect(counts["ready"] as? Int == t["readyInstances"] as? Int, "\(name) ready")
            #expect(counts["current"] as? Int == truthInstances.count, "\(name) current")
            #expect(counts["target"] as? Int == t["targetInstances"] as? Int, "\(name) target")
            #expect(counts["min"] as? Int == t["minInstances"] as? Int, "\(name) min")
            #expect(counts["max"] as? Int == t["maxInstances"] as? Int, "\(name) max")
            for i in instances {
                let id = try #require(i["id"] as? String)
                let truthBreakers = truthInstances.first { $0["id"] as? String == id }?["breakers"] as? [String: String] ?? [:]
                let breakers = Dictionary(uniqueKeysWithValues: (i["breakers"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0["state"] as! String) })
                #expect(breakers == truthBreakers, "\(name)/\(id) breakers")
                // Every figure carries its age.
                #expect(((i["requestRate"] as? [String: Any])?["ageSeconds"] as? Double).map { $0 >= 0 && $0 < 5 } == true)
            }
            compared += 1
        }
        #expect(compared == 10)
        #expect(llm == 3)
    }

    /// `sources:` in a config: the fleet and its actions from a simulator's control API (which
    /// wants a token), each instance's health, readiness and metrics through a second source
    /// that reads the base URLs the first one lists.
    @Test func aContextWithSeparateInventoryAndMetricsSources() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let port = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)",
                                         "--scenario", "steady", "--seed", "5", "--token", "tok"], logPath: dir.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        let config = dir.appendingPathComponent("split.yaml").path
        try """
            contexts:
              - name: split
                sources:
                  inventory: {kind: direct, controlAPI: "http://127.0.0.1:\(port)/api/v1", auth: {scheme: bearer, tokenEnv: SIM_TOKEN}}
                  metrics: {kind: direct}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = { (token: String) async throws -> ChildProcess.Result in
            try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "snapshot", "--config", config, "--window", "2", "--json"],
                                 environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(), "SIM_TOKEN": token])
        }
        // Wait until the simulator answers, and has counted a few seconds, before the snapshot.
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await ChildProcess.runOffPool(["/usr/bin/curl", "-sf", "-o", "/dev/null", "http://127.0.0.1:\(port)/sim/truth"]))?.status == 0
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(up, "the simulator did not start: \(sim.logTail)")
        try await Task.sleep(for: .seconds(2))
        let r = try await run("tok")
        #expect(r.status == 0, "\(r.stderr) \(sim.logTail)")
        let out = try json(r.stdout)
        #expect(out["source"] as? String == "direct + direct metrics")
        let chutes = try #require(out["chutes"] as? [[String: Any]])
        #expect(chutes.count == 10)
        for c in chutes {
            #expect(c["controlError"] == nil, "\(c)")
            let instances = try #require(c["instances"] as? [[String: Any]])
            guard !instances.isEmpty else { continue }
            #expect((c["requestRate"] as? [String: Any])?["value"] as? Double != nil, "\(c["name"] ?? "?"): no rate in \(c)")
            #expect(instances.allSatisfy { (($0["health"] as? [String: Any])?["status"] as? String) == "pass" }, "\(c["name"] ?? "?")")
        }
        // The token is the inventory's: without it the control API refuses and says so.
        let refused = try json(try await run("wrong").stdout)
        let listed = try #require(refused["chutes"] as? [[String: Any]])
        #expect(listed.count == 1 && (listed[0]["controlError"] as? String)?.contains("401") == true, "\(listed)")
    }

    @Test func checkExitsWithTheWorstFiringSeverity() async throws {
        // A dead target: target-down is critical.
        let critical = try await chutetop(["check", "--demo", "--scenario", "dead-target", "--window", "1"])
        #expect(critical.status == 2, "\(critical.stdout)\(critical.stderr)")
        #expect(critical.stdout.contains("CRITICAL target-down@e5-mistral-7b-instruct/i-1: down: connection refused"))
        // Only a warning rule, the same fault: 1. No rule that can fire: 0.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func config(_ rule: String) throws -> String {
            let path = dir.appendingPathComponent("\(UUID().uuidString).yaml").path
            try """
                contexts:
                  - name: sim
                    source: {kind: simulator, scenario: dead-target}
                    alerts:
                      useDefaults: false
                      rules:
                        - \(rule)
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let warning = try await chutetop(["check", "--config", try config("{name: down, condition: target-down, severity: warning}"), "--window", "1"])
        #expect(warning.status == 1, "\(warning.stdout)\(warning.stderr)")
        let ok = try await chutetop(["check", "--config", try config("{name: errors, condition: error-ratio-above, threshold: 0.9, severity: critical}"),
                               "--window", "1", "--json"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(try json(ok.stdout)["highestFiringSeverity"] == nil)
    }

    @Test func configurationProblemsExit3NamingFileLineAndKey() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "contexts:\n  - name: a\n    source: {kind: simulator}\n    poll:\n      metric: 5s\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try await chutetop(["snapshot", "--config", bad])
        #expect(r.status == 3)
        #expect(r.stderr == "chutetop: \(bad):5:7: contexts[0].poll.metric: unknown key (did you mean 'metrics'?)\n")
        #expect(r.stdout.isEmpty)
        // The same in every command, the dashboard included: exit 3, that one line, no usage.
        for command in [[], ["dashboard"], ["check"], ["watch"], ["run", "scale", "a", "1"]] {
            let same = try await chutetop(command + ["--config", bad])
            #expect(same.status == 3, "\(command): \(same.status) \(same.stderr)")
            #expect(same.stderr == r.stderr, "\(command): \(same.stderr)")
        }
        // A theme file that cannot be used is a file problem too.
        let badTheme = dir.appendingPathComponent("bad.theme").path
        try "[roles]\nnot a theme\n".write(toFile: badTheme, atomically: true, encoding: .utf8)
        let theme = try await chutetop(["themes", "--theme", badTheme])
        #expect(theme.status == 3, "\(theme.status) \(theme.stderr)")
        #expect(theme.stderr.hasPrefix("chutetop: ") && theme.stderr.split(separator: "\n").count == 1, "\(theme.stderr)")
        // The root help lists every exit status.
        let help = try await chutetop(["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for status in ["0 success", "1 the input had errors", "2 usage error", "3 could not run", "128+N"] {
            #expect(help.contains(status), "\(status) missing from: \(help)")
        }

        let token = dir.appendingPathComponent("token").path
        try "hunter2\n".write(toFile: token, atomically: true, encoding: .utf8)
        chmod(token, 0o644)
        let withToken = dir.appendingPathComponent("token.yaml").path
        try """
            contexts:
              - name: prod
                source:
                  kind: direct
                  chutes: [{name: a, instances: ["http://127.0.0.1:1"]}]
                  auth: {tokenFile: \(token)}
            """.write(toFile: withToken, atomically: true, encoding: .utf8)
        let unsafe = try await chutetop(["check", "--config", withToken])
        #expect(unsafe.status == 3)
        #expect(unsafe.stderr.contains("credential file \(token) is readable by group or others"))
        #expect(!unsafe.stderr.contains("hunter2") && !unsafe.stdout.contains("hunter2"))

        let none = try await chutetop(["snapshot"])
        #expect(none.status == 3)
        #expect(none.stderr.contains("no configuration"))
    }
}
