import Foundation
import Monitoring
import TestLanes
import Testing
@testable import Dashboard

/// The YAML configuration: the shipped example parses; every problem names file, line and key.
@Suite(.lane(.compute)) struct ConfigParserTests {
    func parse(_ yaml: String) throws(ConfigError) -> ChutetopConfig { try ConfigParser.parse(yaml, file: "test.yaml") }

    func error(_ yaml: String) -> ConfigError? {
        do { _ = try parse(yaml); return nil } catch { return error }
    }

    @Test func theShippedPrometheusExampleParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/config/prometheus.yaml").path
        let config = try ConfigParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        guard case .prometheus(let p) = try config.context(nil).source else { Issue.record("not a prometheus source"); return }
        #expect(p.url == "http://127.0.0.1:9090" && p.selector == #"job="chutes""#)
    }

    @Test func theShippedExampleParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/config/example.yaml").path
        let config = try ConfigParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(config.contexts.map(\.name) == ["demo", "prod", "staging"])
        let prod = try config.context("prod")
        #expect(prod.readOnly)
        #expect(prod.metricsSource == nil)
        guard case .direct(let d) = prod.source else { Issue.record("prod is not direct"); return }
        #expect(d.chutes[0].instances == [.init(id: "gpu-node-1", url: "https://10.0.4.11:8000"), .init(id: "i-2", url: "https://10.0.4.12:8000")])
        #expect(d.credentials == CredentialSpec(scheme: .bearer, secret: .environment("CHUTES_API_TOKEN")))
        #expect(prod.poll.intervals == ProbeIntervals(health: 2, ready: 2, metrics: 5))
        #expect(prod.poll.maxResponseBytes == 16 * 1024 * 1024)
        #expect(prod.alertRules.first { $0.name == "latency-p95" }?.condition == .p95Above(20))
        #expect(prod.alertRules.count == AlertRule.defaults.count)
        #expect(try config.context(nil).name == "demo")
        let staging = try config.context("staging")
        guard case .direct(let inventory) = staging.source, case .direct(let metrics)? = staging.metricsSource else {
            Issue.record("staging does not have direct inventory and metrics sources"); return
        }
        #expect(inventory.controlAPI == "https://control.staging.internal/api/v1")
        #expect(inventory.credentials == CredentialSpec(scheme: .bearer, secret: .environment("CONTROL_API_TOKEN")))
        #expect(metrics.controlAPI == nil && metrics.chutes.isEmpty)
        #expect(metrics.credentials == CredentialSpec(scheme: .bearer, secret: .environment("METRICS_TOKEN")))
    }

    @Test func badYAMLNamesTheLine() {
        let e = error("contexts:\n  - name: a\n    source: {kind: simulator\n")
        #expect(e?.line == 4 || e?.line == 3)
        #expect(e?.description.hasPrefix("test.yaml:") == true)
        #expect(e?.message.contains("not valid YAML") == true)
    }

    @Test func anUnknownKeyIsRefusedWithTheNearestOne() {
        let e = error("""
            contexts:
              - name: a
                source:
                  kind: simulator
                poll:
                  helth: 2s
            """)
        #expect(e?.line == 6)
        #expect(e?.column == 7)
        #expect(e?.key == "contexts[0].poll.helth")
        #expect(e?.suggestion == "health")
        #expect(e?.description == "test.yaml:6:7: contexts[0].poll.helth: unknown key (did you mean 'health'?)")
    }

    /// YAML 1.1's base-60 whole numbers ("1:30") are not read through Yams' `int`, which
    /// multiplies without overflow checks: fuzzing found `chutes: +444444444444444444:1` trapping
    /// chutetop at start-up. A whole number is decimal (or 0x/0o), anything else is refused with
    /// its place.
    @Test func aBaseSixtyNumberIsRefusedNotATrap() {
        let yaml = { (v: String) in "contexts:\n  - name: a\n    source: {kind: simulator, chutes: \(v)}\n" }
        let e = error(yaml("+444444444444444444:1"))
        #expect(e?.message == "expected a whole number, got '+444444444444444444:1'", "\(String(describing: e))")
        #expect(e?.line == 3)
        #expect(error(yaml("1:30"))?.message.contains("expected a whole number") == true)
        #expect(error(yaml("99999999999999999999"))?.message.contains("expected a whole number") == true)
        #expect(error(yaml("--4"))?.message.contains("expected a whole number") == true)
        #expect(try! parse(yaml("4")).contexts[0].source == parse(yaml("+4")).contexts[0].source)
        #expect(try! parse(yaml("0x4")).contexts[0].source == parse(yaml("4")).contexts[0].source)
        let rule = "contexts:\n  - name: a\n    source: {kind: simulator}\n    poll: {breakerThreshold: 1_0}\n"
        #expect(try! parse(rule).contexts[0].poll.breakerThreshold == 10)
    }

    /// Fuzzing found an 8 KB file that took 24 s to read (and longer ones hours): YAML lets a
    /// key be a list or a mapping (`? [..]`), and the YAML library sorts duplicated keys with a
    /// comparison that is exponential in their depth. No chutetop key is a list, a mapping or an
    /// alias, so such a key is refused, with its line, before the document is composed.
    @Test func aKeyThatIsAListOrAMappingIsRefusedWithItsLine() {
        let deep = String(repeating: "[", count: 24) + "x" + String(repeating: "]", count: 24)
        let hostile = ["a", "a", "b", "b"].map { "? [\(deep), \($0)]\n: 1\n" }.joined()
        let e = error("contexts: []\n" + hostile)
        #expect(e?.line == 2, "\(String(describing: e))")
        #expect(e?.message == "a key must be text", "\(String(describing: e))")
        for (yaml, place) in [("contexts:\n  - [a, b]: 1\n", "2:5: contexts[0]"), ("contexts:\n  - {? {a: 1}: 2}\n", "2:8: contexts[0]"),
                              ("a: &x [1]\n*x : 2\n", "2:1"), ("contexts:\n  - name: a\n    poll: {[x]: 1}\n", "3:12: contexts[0].poll")] {
            #expect(error(yaml)?.description == "test.yaml:\(place): a key must be text", "\(yaml)")
        }
        // A question mark that is text, not YAML's key indicator, is not refused.
        #expect((try? parse("contexts:\n  - name: \"? [a]\"\n    source: {kind: simulator}\n"))?.contexts[0].name == "? [a]")
    }

    @Test func badIntervalsAreRefused() {
        let yaml = { (v: String) in "contexts:\n  - name: a\n    source: {kind: simulator}\n    poll:\n      metrics: \(v)\n" }
        #expect(error(yaml("5 parsecs"))?.message.contains("is not a duration") == true)
        #expect(error(yaml("5 parsecs"))?.line == 5)
        #expect(error(yaml("-1s"))?.message.contains("is not a duration") == true)
        #expect(error(yaml("2h"))?.message.contains("out of range") == true)
        #expect(error(yaml("50ms"))?.message.contains("at least 100ms") == true)
        #expect(try! parse(yaml("500ms")).contexts[0].poll.intervals.metrics == 0.5)
        #expect(try! parse(yaml("0")).contexts[0].poll.intervals.metrics == 0)
    }

    @Test func sourcesAreChecked() {
        #expect(error("contexts:\n  - name: a\n    source: {kind: direkt}\n")?.suggestion == "direct")
        #expect(error("contexts:\n  - name: a\n    source: {kind: direct}\n")?.message.contains("needs 'chutes' or a 'controlAPI'") == true)
        #expect(error("contexts:\n  - name: a\n    source:\n      kind: direct\n      controlAPI: ftp://x\n")?.line == 5)
        #expect(error("contexts:\n  - name: a\n    source:\n      kind: direct\n      controlAPI: http://control.local\n      auth: {scheme: bearer}\n")?
            .message.contains("exactly one of tokenEnv, tokenFile") == true)
        #expect(error("contexts:\n  - name: a\n    source: {kind: simulator}\n  - name: a\n    source: {kind: simulator}\n")?
            .message.contains("a second context") == true)
        #expect(error("defaultContext: b\ncontexts:\n  - name: a\n    source: {kind: simulator}\n")?.line == 1)
    }

    @Test func alertRulesAreChecked() {
        let yaml = { (rule: String) in "contexts:\n  - name: a\n    source: {kind: simulator}\n    alerts:\n      rules:\n        - \(rule)\n" }
        #expect(error(yaml("{name: x, condition: error-ratio-abov, threshold: 0.1}"))?.suggestion == "error-ratio-above")
        #expect(error(yaml("{name: x, condition: error-ratio-above}"))?.message.contains("needs a 'threshold'") == true)
        #expect(error(yaml("{name: x, condition: error-ratio-above, threshold: 5}"))?.message.contains("between 0 and 1") == true)
        #expect(error(yaml("{name: x, condition: breaker-open, severity: critcal}"))?.suggestion == "critical")
        let rules = try! parse(yaml("{name: x, condition: gpu-utilization-above, threshold: 90, for: 1m, severity: info}")).contexts[0].alertRules
        #expect(rules.last == AlertRule(name: "x", condition: .gpuUtilizationAbove(90), forSeconds: 60, severity: .info))
        // A chute's expected start time, as a duration.
        let cold = try! parse(yaml("{name: cold-start-slow, condition: cold-start-above, threshold: 5m, chutes: [llm]}")).contexts[0].alertRules
        #expect(cold.filter { $0.name == "cold-start-slow" } == [AlertRule(name: "cold-start-slow", condition: .coldStartAbove(300), forSeconds: 0,
                                                                           severity: .warning, chutes: ["llm"])])
        #expect(error(yaml("{name: x, condition: cold-start-above}"))?.message.contains("expected start time") == true)
    }

    @Test func anUnknownContextSuggestsTheNearest() {
        let config = try! parse("contexts:\n  - name: production\n    source: {kind: simulator}\n")
        #expect(throws: ConfigError.self) { try config.context("prodution") }
        do { _ = try config.context("prodution") } catch { #expect(error.suggestion == "production") }
    }
}
