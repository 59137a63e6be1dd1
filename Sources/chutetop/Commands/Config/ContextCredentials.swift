import Dashboard
import LiveServices

/// Resolves every credential a checked configuration names (a context's sources and its
/// Alertmanager), reporting each one that does not resolve at its `auth` key. The secrets
/// themselves are dropped at once: only where each came from is kept.
enum ContextCredentials {
    /// One credential that resolved: its key path and where the secret was read from.
    struct Found {
        var context: String
        var key: String
        var origin: String
    }

    static func resolve(_ checked: ConfigCheck, environment: [String: String]) -> (found: [Found], problems: [ConfigError]) {
        guard let config = checked.config else { return ([], []) }
        var found: [Found] = [], problems: [ConfigError] = []
        for (context, path) in zip(config.contexts, checked.contextPaths) {
            for (key, spec, chutes) in specs(context, at: path, lines: checked.lines) {
                do {
                    _ = try CredentialResolver.authorization(spec, environment: environment)
                    found.append(Found(context: context.name, key: key, origin: chutes.map { apiKey(spec, $0) } ?? origin(spec)))
                } catch {
                    problems.append(checked.problem(at: key, error.description))
                }
            }
        }
        return (found, problems)
    }

    /// `bearer token from $NAME`, `basic (user ops) password from /path`.
    static func origin(_ spec: CredentialSpec) -> String {
        switch spec.scheme {
        case .bearer: return "bearer token from \(place(spec.secret))"
        case .basic: return "basic (user \(spec.username ?? "")) password from \(place(spec.secret))"
        }
    }

    /// `API key from $CHUTES_API_KEY (sent as basic)`.
    static func apiKey(_ spec: CredentialSpec, _ chutes: ChutesSourceConfig) -> String {
        "API key from \(place(spec.secret)) (sent as \(chutes.scheme.rawValue))"
    }

    private static func place(_ secret: CredentialSpec.Secret) -> String {
        switch secret {
        case .environment(let name): "$" + name
        case .file(let path): path
        }
    }

    /// The credentials a context names, each with the key path of its `auth` (and, for the
    /// Chutes platform, its source).
    private static func specs(_ c: ContextConfig, at path: String, lines: [String: Int]) -> [(String, CredentialSpec, ChutesSourceConfig?)] {
        let split = lines[path + ".sources"] != nil
        var out: [(String, CredentialSpec, ChutesSourceConfig?)] = []
        if let spec = c.source.credentials { out.append((path + (split ? ".sources.inventory" : ".source") + ".auth", spec, c.source.chutes)) }
        if let spec = c.metricsSource?.credentials { out.append((path + ".sources.metrics.auth", spec, nil)) }
        if let spec = c.alertmanager?.credentials { out.append((path + ".alertmanager.auth", spec, nil)) }
        return out
    }
}

extension SourceConfig {
    /// The Chutes platform source's settings, if this is one.
    var chutes: ChutesSourceConfig? {
        if case .chutes(let c) = self { return c }
        return nil
    }
}
