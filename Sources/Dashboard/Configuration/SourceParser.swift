import Monitoring

/// A context's `source`: `kind: direct` (instances and/or a control API) or `kind: simulator`.
enum SourceParser {
    static let kinds = ["direct", "simulator"]

    static func source(_ node: ConfigNode) throws(ConfigError) -> SourceConfig {
        guard let m = node.node.mapping, let kindNode = m["kind"] else { throw node.error("a source needs a 'kind' (\(kinds.joined(separator: " or ")))") }
        let kindConfig = ConfigNode(node: kindNode, path: node.path + ".kind", file: node.file)
        let kind = try kindConfig.string()
        switch kind {
        case "direct": return .direct(try direct(node))
        case "simulator": return .simulator(try simulator(node))
        case "chutes", "prometheus":
            throw kindConfig.error("the '\(kind)' source is not available in this version (use direct or simulator)")
        default:
            throw kindConfig.error("unknown source kind '\(kind)'", suggestion: Suggestion.nearest(to: kind, among: kinds))
        }
    }

    static func simulator(_ node: ConfigNode) throws(ConfigError) -> SimulatorSourceConfig {
        let m = try node.mapping(allowed: ["kind", "scenario", "seed", "chutes"])
        var s = SimulatorSourceConfig()
        if let n = m["scenario"] { s.scenario = try n.string() }
        if let n = m["seed"] { s.seed = UInt64(try n.int(in: 0...Int.max)) }
        if let n = m["chutes"] { s.chutes = try n.int(in: 1...9) }
        return s
    }

    static func direct(_ node: ConfigNode) throws(ConfigError) -> DirectSourceConfig {
        let m = try node.mapping(allowed: ["kind", "chutes", "controlAPI", "paths", "tls", "auth"])
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
        if d.chutes.isEmpty && d.controlAPI == nil { throw node.error("a direct source needs 'chutes' or a 'controlAPI'") }
        if let n = m["paths"] {
            let pm = try n.mapping(allowed: ["health", "ready", "metrics", "logs"])
            if let v = pm["health"] { d.paths.health = try path(v) }
            if let v = pm["ready"] { d.paths.ready = try path(v) }
            if let v = pm["metrics"] { d.paths.metrics = try path(v) }
            if let v = pm["logs"] { d.paths.logs = try path(v) }
        }
        if let n = m["tls"] {
            let tm = try n.mapping(allowed: ["insecureSkipVerify"])
            if let v = tm["insecureSkipVerify"] { d.tls.insecureSkipVerify = try v.bool() }
        }
        if let n = m["auth"] { d.credentials = try credentials(n) }
        return d
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

    private static func url(_ node: ConfigNode) throws(ConfigError) -> String {
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
