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
            for (key, spec) in specs(context, at: path, lines: checked.lines) {
                do {
                    _ = try CredentialResolver.authorization(spec, environment: environment)
                    found.append(Found(context: context.name, key: key, origin: origin(spec)))
                } catch {
                    problems.append(checked.problem(at: key, error.description))
                }
            }
        }
        return (found, problems)
    }

    /// `bearer token from $NAME`, `basic (user ops) password from /path`.
    static func origin(_ spec: CredentialSpec) -> String {
        let from: String
        switch spec.secret {
        case .environment(let name): from = "$" + name
        case .file(let path): from = path
        }
        switch spec.scheme {
        case .bearer: return "bearer token from \(from)"
        case .basic: return "basic (user \(spec.username ?? "")) password from \(from)"
        }
    }

    /// The credentials a context names, each with the key path of its `auth`.
    private static func specs(_ c: ContextConfig, at path: String, lines: [String: Int]) -> [(String, CredentialSpec)] {
        let split = lines[path + ".sources"] != nil
        var out: [(String, CredentialSpec)] = []
        if let spec = c.source.credentials { out.append((path + (split ? ".sources.inventory" : ".source") + ".auth", spec)) }
        if let spec = c.metricsSource?.credentials { out.append((path + ".sources.metrics.auth", spec)) }
        if let spec = c.alertmanager?.credentials { out.append((path + ".alertmanager.auth", spec)) }
        return out
    }
}
