import Monitoring

/// A context's `source`: `kind: direct` (instances and/or a control API) or `kind: simulator`;
/// or its `sources`: an `inventory` source and, optionally, a separate `metrics` source.
enum SourceParser {
    static let kinds = ["direct", "simulator", "prometheus", "chutes"]

    /// What a source serves in its context.
    enum Role: Equatable {
        /// `source:`: everything.
        case everything
        /// `sources.inventory`: the chutes, instances, scaling figures and actions; also the
        /// instances' endpoints unless `sources.metrics` is given (`probes`).
        case inventory(probes: Bool)
        /// `sources.metrics`: the endpoints of the instances the inventory lists.
        case metrics
    }

    /// `sources:`: the inventory source and the metrics source, if separate.
    static func sources(_ node: ConfigNode) throws(ConfigError) -> (inventory: SourceConfig, metrics: SourceConfig?) {
        let m = try node.mapping(allowed: ["inventory", "metrics"], unknown: "unknown key: a source's role is inventory or metrics")
        guard let inventoryNode = m["inventory"] else {
            throw node.keyError("needs an 'inventory' source to list the chutes and instances (a metrics source reads only the instances the inventory lists)")
        }
        let inventory = try source(inventoryNode, role: .inventory(probes: m["metrics"] == nil))
        guard let metricsNode = m["metrics"] else { return (inventory, nil) }
        let metrics = try source(metricsNode, role: .metrics)
        if case .chutes = inventory, case .direct = metrics {
            throw metricsNode.error("the Chutes platform lists instances without addresses (an owner cannot reach an instance): "
                                    + "with 'inventory: chutes' the metrics source can only be prometheus")
        }
        return (inventory, metrics)
    }

    static func source(_ node: ConfigNode, role: Role = .everything) throws(ConfigError) -> SourceConfig {
        guard let m = node.node.mapping, let kindNode = m["kind"] else { throw node.error("a source needs a 'kind' (\(kinds.joined(separator: " or ")))") }
        let kindConfig = node.derived(kindNode, path: node.path + ".kind")
        let kind = try kindConfig.string()
        switch kind {
        case "direct": return .direct(try direct(node, role: role))
        case "simulator" where role != .everything:
            throw kindConfig.error("the simulator serves inventory and metrics together: use 'source: {kind: simulator}'")
        case "simulator": return .simulator(try simulator(node))
        case "prometheus" where role == .everything || role == .metrics:
            return .prometheus(try PrometheusSourceParser.source(node))
        case "prometheus":
            throw kindConfig.error("Prometheus reads figures, not the fleet's control plane: use it as 'source' (it lists the chutes it sees) or as 'sources.metrics'")
        case "chutes" where role == .metrics:
            throw kindConfig.error("the Chutes platform lists and acts on chutes: use it as 'source' or as 'sources.inventory' (with prometheus as 'sources.metrics')")
        case "chutes":
            return .chutes(try ChutesSourceParser.source(node))
        default:
            throw kindConfig.error("unknown source kind '\(kind)'", suggestion: Suggestion.nearest(to: kind, among: kinds))
        }
    }

    static func simulator(_ node: ConfigNode) throws(ConfigError) -> SimulatorSourceConfig {
        let m = try node.mapping(allowed: ["kind", "scenario", "seed", "chutes"])
        var s = SimulatorSourceConfig()
        if let n = m["scenario"] { s.scenario = try n.string() }
        if let n = m["seed"] { s.seed = UInt64(try n.int(in: 0...Int.max)) }
        if let n = m["chutes"] { s.chutes = try n.int(in: 1...10) }
        return s
    }

    static func direct(_ node: ConfigNode, role: Role = .everything) throws(ConfigError) -> DirectSourceConfig {
        let m = try node.mapping(allowed: ["kind", "chutes", "controlAPI", "paths", "tls", "auth"])
        try check(m, role: role)
        var d = DirectSourceConfig()
        if let n = m["controlAPI"] { d.controlAPI = try url(n) }
        if let n = m["chutes"] {
            for c in try n.sequence() {
                let cm = try c.mapping(allowed: ["name", "instances", "controlAPI"], required: ["name"])
                var chute = DirectSourceConfig.Chute(name: try cm["name"]!.string())
                if let api = cm["controlAPI"] { chute.controlAPI = try url(api) }
                for (k, i) in try (cm["instances"]?.sequence() ?? []).enumerated() {
                    // An instance is a URL, or {id, url}.
                    if i.node.mapping == nil {
                        chute.instances.append(.init(id: "i-\(k + 1)", url: try url(i)))
                    } else {
                        let im = try i.mapping(allowed: ["id", "url"], required: ["url"])
                        chute.instances.append(.init(id: try im["id"]?.string() ?? "i-\(k + 1)", url: try url(im["url"]!)))
                    }
                }
                if chute.instances.isEmpty && chute.controlAPI == nil && d.controlAPI == nil {
                    throw c.error("chute '\(chute.name)' has no instances and no controlAPI to list them")
                }
                d.chutes.append(chute)
            }
        }
        if d.chutes.isEmpty && d.controlAPI == nil && role != .metrics { throw node.error("a direct source needs 'chutes' or a 'controlAPI'") }
        if let n = m["paths"] {
            let pm = try n.mapping(allowed: ["health", "ready", "metrics", "logs"])
            if let v = pm["health"] { d.paths.health = try path(v) }
            if let v = pm["ready"] { d.paths.ready = try path(v) }
            if let v = pm["metrics"] { d.paths.metrics = try path(v) }
            if let v = pm["logs"] { d.paths.logs = try path(v) }
        }
        if let n = m["tls"] { d.tls = try tls(n) }
        if let n = m["auth"] { d.credentials = try credentials(n) }
        return d
    }

    /// Keys that belong to the other role of a split context are refused at the key.
    private static func check(_ m: [String: ConfigNode], role: Role) throws(ConfigError) {
        switch role {
        case .metrics:
            for key in ["controlAPI", "chutes"] {
                guard let n = m[key] else { continue }
                throw n.keyError("'\(key)' belongs to the inventory source (sources.inventory): a metrics source reads the instances the inventory lists")
            }
        case .inventory(probes: false):
            guard let n = m["paths"] else { return }
            throw n.keyError("'paths' belong to the metrics source (sources.metrics), which reads the instances' endpoints: the inventory source only lists the fleet and takes actions")
        case .everything, .inventory(probes: true):
            return
        }
    }

    static func tls(_ node: ConfigNode) throws(ConfigError) -> TLSSettings {
        let tm = try node.mapping(allowed: ["insecureSkipVerify"])
        var t = TLSSettings()
        if let v = tm["insecureSkipVerify"] { t.insecureSkipVerify = try v.bool() }
        return t
    }

    static func credentials(_ node: ConfigNode) throws(ConfigError) -> CredentialSpec {
        let m = try node.mapping(allowed: ["scheme", "username", "tokenEnv", "tokenFile", "passwordEnv", "passwordFile"])
        let schemeText = try m["scheme"]?.string() ?? "bearer"
        guard let scheme = CredentialSpec.Scheme(rawValue: schemeText) else {
            throw (m["scheme"] ?? node).error("unknown scheme '\(schemeText)'", suggestion: Suggestion.nearest(to: schemeText, among: ["bearer", "basic"]))
        }
        let secrets: [(String, (String) -> CredentialSpec.Secret)] = scheme == .bearer
            ? [("tokenEnv", { .environment($0) }), ("tokenFile", { .file($0) })]
            : [("passwordEnv", { .environment($0) }), ("passwordFile", { .file($0) })]
        let given = secrets.compactMap { key, make in m[key].map { (key, $0, make) } }
        guard given.count == 1 else {
            throw node.error("\(scheme.rawValue) auth needs exactly one of \(secrets.map(\.0).joined(separator: ", ")) (secrets are never written in the config)")
        }
        let secret = given[0].2(try given[0].1.string())
        let username = try m["username"]?.string()
        if scheme == .basic && username == nil { throw node.error("basic auth needs a 'username'") }
        return CredentialSpec(scheme: scheme, username: username, secret: secret)
    }

    static func url(_ node: ConfigNode) throws(ConfigError) -> String {
        let s = try node.string()
        guard s.hasPrefix("http://") || s.hasPrefix("https://"), s.count > 8 else { throw node.error("'\(s)' is not an http:// or https:// URL") }
        return s.hasSuffix("/") ? String(s.dropLast()) : s
    }

    private static func path(_ node: ConfigNode) throws(ConfigError) -> String {
        let s = try node.string()
        guard s.hasPrefix("/") else { throw node.error("a path starts with '/'") }
        return s
    }
}
