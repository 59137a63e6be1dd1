import Foundation
import Ingest
import TestSupport
import TestLanes
import Testing

/// `kind: prometheus` against a real Prometheus (Debian's, installed by .ci/run) that scrapes
/// `chutetop sim` through its http_sd targets: `chutetop snapshot --json` through the source
/// agrees exactly with Prometheus' own answers to the same PromQL at the same instant (3 s
/// back, `delay`, so no sample for it is still arriving: the simulator stamps its samples), and
/// with the simulator's truth for the same minute within 2 %; instance counts and breaker
/// states exact. Takes about 90 seconds (a minute of samples for the rate window). Under
/// CI=true a missing prometheus fails.
@Suite(.lane(.live), .enabled(if: PrometheusServer.shouldRun, "prometheus is not installed"))
struct PrometheusSourceTests {
    @Test func snapshotThroughPrometheusAgreesWithPrometheusAndTheTruth() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-promsource-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let port = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)",
                                         "--scenario", "steady", "--seed", "3"], logPath: dir.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        let prometheus = try PrometheusServer(simulatorPort: port)
        defer { prometheus.stop() }
        let config = dir.appendingPathComponent("prometheus.yaml").path
        try """
            contexts:
              - name: prom
                source: {kind: prometheus, url: "\(prometheus.url)", selector: '{job="chutes"}', delay: 3s}
              - name: split
                sources:
                  inventory: {kind: direct, controlAPI: "http://127.0.0.1:\(port)/api/v1"}
                  metrics: {kind: prometheus, url: "\(prometheus.url)", selector: '{job="chutes"}'}
            """.write(toFile: config, atomically: true, encoding: .utf8)

        try await prometheus.waitUntil("the simulated fleet scraped", timeout: .seconds(60)) { try prometheus.everyChuteTargetUp(atLeast: 10) }
        // A full minute of samples behind the rate window.
        try await Task.sleep(for: .seconds(65))
        let r = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "snapshot", "--config", config, "--context", "prom", "--json"],
                                                  environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(out["source"] as? String == "prometheus")
        #expect((out["sourceProblems"] as? [Any])?.isEmpty == true, "\(out["sourceProblems"] ?? "")")
        let chutes = try #require(out["chutes"] as? [[String: Any]])
        #expect(chutes.count == 10)
        let value = { (o: [String: Any], key: String) in (o[key] as? [String: Any])?["value"] as? Double }

        // Prometheus' own answers to the same PromQL at the instant the figures describe.
        let at = try #require(chutes.compactMap { $0["rateTo"] as? Double }.first)
        #expect(chutes.allSatisfy { $0["rateTo"] as? Double == at && $0["rateFrom"] as? Double == at - 60 })
        let selector = #"http_requests_total{job="chutes"}"#
        func byChute(_ promQL: String) throws -> [String: Double] {
            Dictionary(try prometheus.query(promQL, at: at).compactMap { s in
                s.labels.first { $0.name == "chute" }.flatMap { l in s.points.first.map { (l.value, $0.value) } }
            }, uniquingKeysWith: { a, _ in a })
        }
        let rates = try byChute("sum by (chute) (rate(\(selector)[60s]))")
        let errors = try byChute(#"(sum by (chute) (rate(http_requests_total{job="chutes",status=~"5.."}[60s])) or sum by (chute) (rate(http_requests_total{job="chutes",code=~"5.."}[60s])) or 0 * sum by (chute) (rate(http_requests_total{job="chutes"}[60s]))) / sum by (chute) (rate(http_requests_total{job="chutes"}[60s]))"#)
        var quantiles: [String: [String: Double]] = [:]
        for (name, q) in [("p50", "0.5"), ("p95", "0.95"), ("p99", "0.99")] {
            quantiles[name] = try byChute(#"histogram_quantile(\#(q), sum by (chute, le) (rate(http_request_duration_seconds_bucket{job="chutes"}[60s])))"#)
        }
        // The seconds the rates cover: the simulator stamps its samples with whole seconds, so
        // rate(…[60s]) at T sees the samples of seconds ⌊T⌋-59 … ⌊T⌋ and, extrapolated to the
        // window, is their increase over those 59 seconds.
        let truthBody = try await ChildProcess.runOffPool(["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/sim/truth?window=59&at=\(Int(at.rounded(.down)))"]).stdout
        let truth = try #require(try JSONSerialization.jsonObject(with: Data(truthBody.utf8)) as? [String: Any])
        let truthChutes = Dictionary(uniqueKeysWithValues: try #require(truth["chutes"] as? [[String: Any]]).map { ($0["name"] as! String, $0) })
        // Both absent is agreement (legacy-upscaler exposes latency only as a summary: no
        // quantile anywhere); one absent is not.
        func near(_ a: Double?, _ b: Double?, _ what: String) {
            if a == nil && b == nil { return }
            guard let a, let b else { Issue.record("\(what): chutetop \(String(describing: a)), truth \(String(describing: b))"); return }
            #expect(abs(a - b) <= 0.02 * abs(b) + 1e-6, "\(what): chutetop \(a), truth \(b)")
        }
        let tokens = try byChute(#"sum by (chute) (rate(vllm:generation_tokens_total{job="chutes"}[60s])) or sum by (chute) (rate(sglang:generation_tokens_total{job="chutes"}[60s]))"#)
        let ttft = try byChute(#"histogram_quantile(0.95, sum by (chute, le) (rate(vllm:time_to_first_token_seconds_bucket{job="chutes"}[60s])) or sum by (chute, le) (rate(sglang:time_to_first_token_seconds_bucket{job="chutes"}[60s])))"#)
        let waiting = try byChute(#"sum by (chute) (vllm:num_requests_waiting{job="chutes"}) or sum by (chute) (sglang:num_queue_reqs{job="chutes"})"#)
        var engines = 0
        // Exact up to the last bits of a double: Prometheus sums a group's series in Go's map
        // order, so two evaluations of one query at one instant may differ in the last place.
        func same(_ a: Double?, _ b: Double?, _ what: String) {
            if a == nil && b == nil { return }
            guard let a, let b else { Issue.record("\(what): chutetop \(String(describing: a)), Prometheus \(String(describing: b))"); return }
            #expect(abs(a - b) <= 1e-12 * max(abs(a), abs(b)), "\(what): chutetop \(a), Prometheus \(b)")
        }
        for c in chutes {
            let name = try #require(c["name"] as? String)
            same(value(c, "requestRate"), rates[name], "\(name) request rate")
            same(value(c, "errorRatio"), errors[name], "\(name) error ratio")
            for q in ["p50", "p95", "p99"] { same(value(c, q), quantiles[q]?[name], "\(name) \(q)") }
            // The LLM chutes' engine figures: Prometheus' answers to the same PromQL.
            if let inference = c["inference"] as? [String: Any] {
                engines += 1
                same(inference["generationTokensPerSecond"] as? Double, tokens[name], "\(name) generated tokens/s")
                same(inference["timeToFirstTokenP95"] as? Double, ttft[name], "\(name) TTFT p95")
                same(inference["waiting"] as? Double, waiting[name], "\(name) waiting")
            }
            let t = try #require(truthChutes[name])
            near(value(c, "requestRate"), t["counted_request_rate"] as? Double, "\(name) request rate")
            near(value(c, "errorRatio"), t["counted_error_ratio"] as? Double, "\(name) error ratio")
            for q in ["p50", "p95", "p99"] { near(value(c, q), t[q] as? Double, "\(name) \(q)") }
            let counts = try #require(c["counts"] as? [String: Any])
            let truthInstances = try #require(t["instances"] as? [[String: Any]])
            #expect(counts["current"] as? Int == truthInstances.count, "\(name) instances")
            #expect(counts["readinessRead"] as? Bool == false, "\(name): readiness is not read without an expression")
            // Breakers exactly as the simulator holds them, per instance.
            for i in try #require(c["instances"] as? [[String: Any]]) {
                let id = try #require(i["id"] as? String)
                let truthBreakers = truthInstances.first { $0["id"] as? String == id }?["breakers"] as? [String: String] ?? [:]
                let breakers = Dictionary(uniqueKeysWithValues: (i["breakers"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0["state"] as! String) })
                #expect(breakers == truthBreakers, "\(name)/\(id) breakers")
                #expect((i["health"] as? [String: Any])?["status"] as? String == "pass", "\(name)/\(id) up")
            }
        }

        #expect(engines >= 3, "every LLM chute has engine figures through Prometheus")

        // Inventory and scaling figures from the control API, figures from Prometheus.
        let split = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "snapshot", "--config", config, "--context", "split", "--json"],
                                                      environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
        #expect(split.status == 0, "\(split.stderr)")
        let splitOut = try #require(try JSONSerialization.jsonObject(with: Data(split.stdout.utf8)) as? [String: Any])
        #expect(splitOut["source"] as? String == "simulator + prometheus" || splitOut["source"] as? String == "direct + prometheus")
        let now = try #require(try JSONSerialization.jsonObject(with: Data(try await ChildProcess.runOffPool(
            ["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/sim/truth"]).stdout.utf8)) as? [String: Any])
        let scaling = Dictionary(uniqueKeysWithValues: (now["chutes"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0) })
        for c in try #require(splitOut["chutes"] as? [[String: Any]]) {
            let name = try #require(c["name"] as? String)
            let counts = try #require(c["counts"] as? [String: Any])
            #expect(counts["target"] as? Int == scaling[name]?["target_instances"] as? Int, "\(name) target")
            #expect(counts["min"] as? Int == scaling[name]?["min_instances"] as? Int, "\(name) min")
            #expect(counts["max"] as? Int == scaling[name]?["max_instances"] as? Int, "\(name) max")
            #expect(value(c, "requestRate") != nil, "\(name): no rate through Prometheus")
        }

        // The dashboard on the same Prometheus: every chute with figures, a chute's charts;
        // then Prometheus goes away: the banner says so with its age and the keys still work.
        let tmux = try TmuxSession(width: 160, height: 48, shellCommand: TerminalLifecycleTests.wrapped(
            try TerminalLifecycleTests.chutetop("--config \(config) --context prom")))
        try await tmux.waitFor("every chute with a rate", timeout: .seconds(40)) { screen in
            DashboardFlowTests.rows(screen).filter { $0.rate != nil }.count == 10
        }
        try tmux.send("Enter")
        try await tmux.waitFor(text: "Requests/s")
        try tmux.send("Escape")
        prometheus.stop()
        let failing = try await tmux.waitFor(text: "source failing")
        #expect(failing.contains("refused") || failing.contains("Prometheus at"), "\(failing)")
        // No news is not bad news: the chutes go stale, not down.
        try await tmux.waitFor("every chute stale, none failing") { screen in
            let rows = DashboardFlowTests.rows(screen)
            return rows.count == 10 && screen.components(separatedBy: "stale").count > 9 && !screen.contains("✖ fail")
        }
        // A snapshot or check that cannot read the source says so in its exit status.
        let blind = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "check", "--config", config, "--context", "prom", "--json"],
                                                      environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
        #expect(blind.status == 3 && blind.stderr.contains("could not"), "\(blind.status): \(blind.stderr)")
        #expect(blind.stdout.contains("\"sourceProblems\"") || blind.stdout.contains("controlError"), "what was read is still printed")
        try tmux.send("?")
        try await tmux.waitFor(text: "Keys:")
        try tmux.send("Escape")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }
}
