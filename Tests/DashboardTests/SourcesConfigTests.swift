import Dashboard
import Foundation
import TestLanes
import Testing

/// A context's `sources:`: an inventory source (chutes, instances, scaling figures, actions) and
/// optionally a separate metrics source; impossible combinations name the file, line and key.
@Suite(.lane(.compute)) struct SourcesConfigTests {
    static let control = "{kind: direct, controlAPI: http://127.0.0.1:8080/api/v1}"

    func parse(_ yaml: String) throws(ConfigError) -> ContextConfig {
        try ConfigParser.parse(yaml, file: "test.yaml").contexts[0]
    }

    @Test func inventoryAndMetricsApart() throws {
        let context = try parse("""
            contexts:
              - name: split
                sources:
                  inventory:          # chutes, instances, scaling figures and actions
                    kind: direct
                    controlAPI: http://127.0.0.1:8080/api/v1
                  metrics:            # health, readiness, metrics and logs of the listed instances
                    kind: direct
                    paths: {metrics: /metrics}
                    auth: {scheme: bearer, tokenEnv: METRICS_TOKEN}
            """)
        #expect(context.source == .direct(DirectSourceConfig(controlAPI: "http://127.0.0.1:8080/api/v1")))
        var metrics = DirectSourceConfig(credentials: CredentialSpec(scheme: .bearer, secret: .environment("METRICS_TOKEN")))
        metrics.paths.metrics = "/metrics"
        #expect(context.metricsSource == .direct(metrics))
    }

    @Test func aMetricsSourceMayBeJustItsKind() throws {
        let context = try parse("contexts:\n  - name: a\n    sources:\n      inventory: \(Self.control)\n      metrics: {kind: direct}\n")
        #expect(context.metricsSource == .direct(DirectSourceConfig()))
    }

    @Test func inventoryAloneMeansTheSameAsSource() throws {
        let body = "\n      kind: direct\n      controlAPI: http://127.0.0.1:8080/api/v1\n      paths: {health: /healthz}\n"
        let one = try parse("contexts:\n  - name: a\n    source:" + body)
        let alone = try parse("contexts:\n  - name: a\n    sources:\n      inventory:" + body.replacingOccurrences(of: "\n      ", with: "\n        "))
        #expect(alone.source == one.source)
        #expect(alone.metricsSource == nil)
        #expect(one.metricsSource == nil)
    }

    @Test(arguments: [
        // `source` and `sources` together: at the `sources` key.
        ("contexts:\n  - name: a\n    source: {kind: simulator}\n    sources:\n      inventory: \(control)\n",
         4, 5, "contexts[0].sources",
         "give either 'source' (one source for everything) or 'sources' (inventory and metrics apart), not both"),
        // Neither.
        ("contexts:\n  - name: a\n    theme: mono\n",
         2, 5, "contexts[0]", "missing required key 'source' (or 'sources', to read inventory and metrics apart)"),
        // No inventory.
        ("contexts:\n  - name: a\n    sources:\n      metrics: {kind: direct}\n",
         3, 5, "contexts[0].sources",
         "needs an 'inventory' source to list the chutes and instances (a metrics source reads only the instances the inventory lists)"),
        // An unknown role, with the nearest one.
        ("contexts:\n  - name: a\n    sources:\n      inventory: \(control)\n      metric: {kind: direct}\n",
         5, 7, "contexts[0].sources.metric", "unknown key: a source's role is inventory or metrics (did you mean 'metrics'?)"),
        // The simulator in either role.
        ("contexts:\n  - name: a\n    sources:\n      inventory:\n        kind: simulator\n",
         5, 15, "contexts[0].sources.inventory.kind",
         "the simulator serves inventory and metrics together: use 'source: {kind: simulator}'"),
        ("contexts:\n  - name: a\n    sources:\n      inventory: \(control)\n      metrics: {kind: simulator}\n",
         5, 23, "contexts[0].sources.metrics.kind",
         "the simulator serves inventory and metrics together: use 'source: {kind: simulator}'"),
        // An inventory that cannot list the fleet.
        ("contexts:\n  - name: a\n    sources:\n      inventory:\n        kind: direct\n        auth: {scheme: bearer, tokenEnv: T}\n      metrics: {kind: direct}\n",
         5, 9, "contexts[0].sources.inventory", "a direct source needs 'chutes' or a 'controlAPI'"),
        // What the inventory lists does not belong to the metrics source.
        ("contexts:\n  - name: a\n    sources:\n      inventory: \(control)\n      metrics:\n        kind: direct\n        controlAPI: http://127.0.0.1:9090\n",
         7, 9, "contexts[0].sources.metrics.controlAPI",
         "'controlAPI' belongs to the inventory source (sources.inventory): a metrics source reads the instances the inventory lists"),
        ("contexts:\n  - name: a\n    sources:\n      inventory: \(control)\n      metrics:\n        kind: direct\n        chutes: [{name: x, instances: [http://10.0.0.1:8000]}]\n",
         7, 9, "contexts[0].sources.metrics.chutes",
         "'chutes' belongs to the inventory source (sources.inventory): a metrics source reads the instances the inventory lists"),
        // Endpoint paths on the inventory are read by no one when a metrics source is given.
        ("contexts:\n  - name: a\n    sources:\n      inventory:\n        kind: direct\n        controlAPI: http://127.0.0.1:8080\n        paths: {metrics: /m}\n      metrics: {kind: direct}\n",
         7, 9, "contexts[0].sources.inventory.paths",
         "'paths' belong to the metrics source (sources.metrics), which reads the instances' endpoints: the inventory source only lists the fleet and takes actions"),
        // Prometheus reads figures; it is no inventory beside a metrics source.
        ("contexts:\n  - name: a\n    sources:\n      inventory: {kind: prometheus, url: http://prom:9090}\n      metrics: {kind: direct}\n",
         4, 25, "contexts[0].sources.inventory.kind",
         "Prometheus reads figures, not the fleet's control plane: use it as 'source' (it lists the chutes it sees) or as 'sources.metrics'"),
        // The Chutes platform lists instances without addresses: no direct metrics source beside it.
        ("contexts:\n  - name: a\n    sources:\n      inventory: {kind: chutes, auth: {tokenEnv: K}}\n      metrics: {kind: direct}\n",
         5, 16, "contexts[0].sources.metrics",
         "the Chutes platform lists instances without addresses (an owner cannot reach an instance): with 'inventory: chutes' the metrics source can only be prometheus"),
        ("contexts:\n  - name: a\n    sources:\n      inventory: \(control)\n      metrics: {kind: chutes, auth: {tokenEnv: K}}\n",
         5, 23, "contexts[0].sources.metrics.kind",
         "the Chutes platform lists and acts on chutes: use it as 'source' or as 'sources.inventory' (with prometheus as 'sources.metrics')"),
    ])
    func impossibleCombinationsNameTheLineAndKey(yaml: String, line: Int, column: Int, key: String, message: String) {
        do {
            _ = try parse(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.key == key)
            #expect(error.description == "test.yaml:\(line):\(column): \(key): \(message)")
        }
    }
}

/// `kind: prometheus` in a config: its keys, defaults, and errors at file:line:key.
@Suite(.lane(.compute)) struct PrometheusSourceConfigTests {
    func parse(_ yaml: String) throws(ConfigError) -> ChutetopConfig { try ConfigParser.parse(yaml, file: "p.yaml") }

    @Test func aPrometheusSourceWithItsDefaultsAndAsTheMetricsSource() throws {
        let c = try parse("""
            contexts:
              - name: prom
                source: {kind: prometheus, url: "http://127.0.0.1:9090/prometheus/", selector: '{job="chutes", env!="dev"}', delay: 2s}
              - name: split
                sources:
                  inventory: {kind: direct, controlAPI: "http://127.0.0.1:9400/api/v1"}
                  metrics: {kind: prometheus, url: "http://127.0.0.1:9090", labels: {chute: app, instance: pod}, counts: {target: "", ready: "kube_pod_ready"}}
            """)
        guard case .prometheus(let p) = c.contexts[0].source else { Issue.record("not prometheus"); return }
        #expect(p.url == "http://127.0.0.1:9090/prometheus" && p.selector == #"job="chutes", env!="dev""# && p.delay == 2)
        #expect(p.labels.chute == "chute" && p.labels.instance == "chute_instance" && p.counts.target?.contains("kube_deployment_spec_replicas") == true)
        guard case .prometheus(let m)? = c.contexts[1].metricsSource else { Issue.record("no prometheus metrics source"); return }
        #expect(m.labels.chute == "app" && m.labels.instance == "pod" && m.counts.target == nil && m.counts.ready == "kube_pod_ready")
    }

    @Test func mistakesAreNamedAtTheirKey() {
        let cases: [(String, String, String)] = [
            ("source: {kind: prometheus}", "missing required key 'url'", "contexts[0].source"),
            ("source: {kind: prometheus, url: localhost:9090}", "not an http", "contexts[0].source.url"),
            ("source: {kind: prometheus, url: 'http://p:9090', selector: 'up{job=\"x\"}'}", "label matchers only", "contexts[0].source.selector"),
            ("source: {kind: prometheus, url: 'http://p:9090', selector: '{job=\"x}'}", "unbalanced quote", "contexts[0].source.selector"),
            ("source: {kind: prometheus, url: 'http://p:9090', labels: {chute: 'my-chute'}}", "not a label name", "contexts[0].source.labels.chute"),
            ("source: {kind: prometheus, url: 'http://p:9090', step: 1}", "unknown key", "contexts[0].source.step"),
            ("sources: {inventory: {kind: prometheus, url: 'http://p:9090'}}", "not the fleet's control plane", "contexts[0].sources.inventory.kind"),
        ]
        for (source, message, key) in cases {
            do {
                _ = try parse("contexts:\n  - name: x\n    \(source)\n")
                Issue.record("accepted: \(source)")
            } catch {
                #expect(error.message.contains(message), "\(source): \(error.message)")
                #expect(error.key == key, "\(source): key \(error.key ?? "nil")")
                #expect(error.line == 3, "\(source): line \(String(describing: error.line))")
            }
        }
    }
}

/// `kind: chutes`: the shape the issue gives (url, auth with tokenEnv or tokenFile and a
/// header scheme, include), its defaults (the platform's URL, Basic, gentle intervals), and
/// errors at file:line:key.
@Suite(.lane(.compute)) struct ChutesSourceConfigTests {
    func parse(_ yaml: String) throws(ConfigError) -> ChutetopConfig { try ConfigParser.parse(yaml, file: "c.yaml") }

    @Test func theIssuesShapeWithItsDefaults() throws {
        let c = try parse("""
            contexts:
              - name: account
                source:
                  kind: chutes
                  auth: {tokenEnv: CHUTES_API_KEY}
                  include: [my-llm, 0b7e5d4c-0000-5000-8000-000000000001]
              - name: sim
                source: {kind: chutes, url: "http://127.0.0.1:9400/platform/", auth: {tokenFile: /run/chutes.key, scheme: bearer}}
                poll: {metrics: 60s}
              - name: split
                sources:
                  inventory: {kind: chutes, auth: {tokenEnv: K, scheme: raw}}
                  metrics: {kind: prometheus, url: "http://127.0.0.1:9090"}
            """)
        guard case .chutes(let a) = c.contexts[0].source, case .chutes(let b) = c.contexts[1].source,
              case .chutes(let d) = c.contexts[2].source else { Issue.record("not chutes"); return }
        #expect(a.url == "https://api.chutes.ai" && a.key == .environment("CHUTES_API_KEY") && a.scheme == .basic)
        #expect(a.include == ["my-llm", "0b7e5d4c-0000-5000-8000-000000000001"])
        #expect(c.contexts[0].poll.intervals == ChutesSourceConfig.intervals)
        #expect(b.url == "http://127.0.0.1:9400/platform" && b.key == .file("/run/chutes.key") && b.scheme == .bearer && b.include.isEmpty)
        #expect(c.contexts[1].poll.intervals.metrics == 60 && c.contexts[1].poll.intervals.health == ChutesSourceConfig.intervals.health)
        #expect(d.scheme == .raw && c.contexts[2].metricsSource?.kind == "prometheus")
        #expect(ChutesSourceConfig.Scheme.basic.authorization("cpk_x") == "Basic cpk_x" && ChutesSourceConfig.Scheme.raw.authorization("cpk_x") == "cpk_x")
    }

    @Test func theShippedExampleParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/config/chutes.yaml").path
        let config = try ConfigParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(config.contexts.map(\.name) == ["my-account", "simulated-account"])
        guard case .chutes(let account) = config.contexts[0].source else { Issue.record("not chutes"); return }
        #expect(account.url == ChutesSourceConfig.defaultURL && account.key == .environment("CHUTES_API_KEY") && config.contexts[0].protected)
    }

    @Test(arguments: [
        ("contexts:\n  - name: a\n    source: {kind: chutes}\n", 3, 13, "contexts[0].source",
         "the Chutes platform needs an API key: auth: {tokenEnv: CHUTES_API_KEY} (or tokenFile, a file of mode 0600)"),
        ("contexts:\n  - name: a\n    source: {kind: chutes, auth: {token: cpk_x}}\n", 3, 35, "contexts[0].source.auth.token", "unknown key"),
        ("contexts:\n  - name: a\n    source: {kind: chutes, auth: {tokenEnv: K, scheme: basik}}\n", 3, 56, "contexts[0].source.auth.scheme",
         "unknown scheme 'basik' (basic, bearer or raw) (did you mean 'basic'?)"),
        ("contexts:\n  - name: a\n    source: {kind: chutes, auth: {tokenEnv: K}, url: api.chutes.ai}\n", 3, 54, "contexts[0].source.url",
         "'api.chutes.ai' is not an http:// or https:// URL"),
    ])
    func mistakesNameTheLineAndKey(yaml: String, line: Int, column: Int, key: String, message: String) {
        do {
            _ = try parse(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description == "c.yaml:\(line):\(column): \(key): \(message)")
        }
    }
}
