import Dashboard
import Testing

/// A context's `sources:`: an inventory source (chutes, instances, scaling figures, actions) and
/// optionally a separate metrics source; impossible combinations name the file, line and key.
@Suite struct SourcesConfigTests {
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
        // Kinds not in this version, as with `source`.
        ("contexts:\n  - name: a\n    sources:\n      inventory: {kind: chutes}\n",
         4, 25, "contexts[0].sources.inventory.kind", "the 'chutes' source is not available in this version (use direct, simulator or prometheus)"),
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
@Suite struct PrometheusSourceConfigTests {
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
