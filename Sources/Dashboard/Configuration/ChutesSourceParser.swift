import Monitoring

/// `kind: chutes`: url, auth (tokenEnv or tokenFile, scheme), include, tls.
enum ChutesSourceParser {
    static func source(_ node: ConfigNode) throws(ConfigError) -> ChutesSourceConfig {
        let m = try node.mapping(allowed: ["kind", "url", "auth", "include", "tls"])
        guard let authNode = m["auth"] else {
            throw node.error("the Chutes platform needs an API key: auth: {tokenEnv: CHUTES_API_KEY} (or tokenFile, a file of mode 0600)")
        }
        let am = try authNode.mapping(allowed: ["tokenEnv", "tokenFile", "scheme"])
        let secrets: [(String, (String) -> CredentialSpec.Secret)] = [("tokenEnv", { .environment($0) }), ("tokenFile", { .file($0) })]
        let given = secrets.compactMap { key, make in am[key].map { (key, $0, make) } }
        guard given.count == 1 else {
            throw authNode.error("auth needs exactly one of tokenEnv, tokenFile (the key is never written in the config)")
        }
        var c = ChutesSourceConfig(key: given[0].2(try given[0].1.string()))
        if let n = am["scheme"] {
            let word = try n.string()
            guard let scheme = ChutesSourceConfig.Scheme(rawValue: word) else {
                throw n.error("unknown scheme '\(word)' (basic, bearer or raw)",
                              suggestion: Suggestion.nearest(to: word, among: ChutesSourceConfig.Scheme.allCases.map(\.rawValue)))
            }
            c.scheme = scheme
        }
        if let n = m["url"] { c.url = try SourceParser.url(n) }
        if let n = m["include"] {
            c.include = try n.sequence().map { (x) throws(ConfigError) -> String in
                let s = try x.string()
                guard !s.isEmpty else { throw x.error("a chute's name or id cannot be empty") }
                return s
            }
        }
        if let n = m["tls"] { c.tls = try SourceParser.tls(n) }
        return c
    }
}
