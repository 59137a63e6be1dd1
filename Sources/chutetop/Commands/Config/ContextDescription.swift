import Dashboard

/// The contexts of a configuration as read, one line each: source, Alertmanager, where each
/// credential comes from (resolved, never shown), and the context's flags.
enum ContextDescription {
    static func lines(_ config: ChutetopConfig, credentials: [ContextCredentials.Found]) -> [String] {
        let chosen = try? config.context(nil)
        var lines = ["\(config.contexts.count) context\(config.contexts.count == 1 ? "" : "s")"
                     + (config.readOnly ? ", all read-only" : "") + (config.runbooks.isEmpty ? "" : ", \(config.runbooks.count) runbooks") + ":"]
        for c in config.contexts {
            var parts = [source(c.source)]
            if let m = c.metricsSource { parts.append("metrics from " + source(m)) }
            if let a = c.alertmanager { parts.append("alertmanager \(a.url)") }
            parts += credentials.filter { $0.context == c.name }.map { "\($0.origin) (resolved)" }
            if c.readOnly { parts.append("read-only") }
            if c.production { parts.append("production") }
            if c.protected { parts.append("protected") }
            if let t = c.theme { parts.append("theme \(t)") }
            lines.append("  \(c.name)\(c.name == chosen?.name ? " (default)" : ""): " + parts.joined(separator: "; "))
        }
        return lines
    }

    static func source(_ s: SourceConfig) -> String {
        switch s {
        case .direct(let d):
            var what = ["direct"]
            if let api = d.controlAPI { what.append("control API \(api)") }
            if !d.chutes.isEmpty {
                let instances = d.chutes.reduce(0) { $0 + $1.instances.count }
                what.append("\(d.chutes.count) chute\(d.chutes.count == 1 ? "" : "s") listed, \(instances) instance\(instances == 1 ? "" : "s")")
            }
            return what.joined(separator: ", ")
        case .simulator(let sim):
            return "simulator (\(sim.chutes) chute\(sim.chutes == 1 ? "" : "s"), scenario \(sim.scenario ?? "steady"), seed \(sim.seed))"
        case .prometheus(let p):
            return "prometheus \(p.url)" + (p.selector.isEmpty ? "" : " {\(p.selector)}")
        case .chutes(let c):
            return "chutes \(c.url)" + (c.include.isEmpty ? " (every chute the key owns)" : " (\(c.include.joined(separator: ", ")))")
        }
    }
}
