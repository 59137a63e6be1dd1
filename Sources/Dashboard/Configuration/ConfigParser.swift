import Monitoring
import Yams

/// Reads the YAML configuration and validates every key and value; the first problem is
/// thrown as a `ConfigError` naming the file, line and key.
public enum ConfigParser {
    public static func parse(_ text: String, file: String?) throws(ConfigError) -> ChutetopConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw yamlError(e, file: file)
        } catch {
            throw ConfigError(file: file, message: "\(error)")
        }
        guard let node else { throw ConfigError(file: file, message: "the file is empty") }
        let root = ConfigNode(node: node, path: "", file: file)
        let top = try root.mapping(allowed: ["defaultContext", "contexts"], required: ["contexts"])
        let contextNodes = try top["contexts"]!.sequence()
        guard !contextNodes.isEmpty else { throw top["contexts"]!.error("at least one context is needed") }
        var contexts: [ContextConfig] = []
        for c in contextNodes {
            let context = try ContextParser.context(c)
            if contexts.contains(where: { $0.name == context.name }) { throw c.error("a second context named '\(context.name)'") }
            contexts.append(context)
        }
        let defaultContext = try top["defaultContext"]?.string()
        if let d = defaultContext, !contexts.contains(where: { $0.name == d }) {
            throw top["defaultContext"]!.error("no context named '\(d)'", suggestion: Suggestion.nearest(to: d, among: contexts.map(\.name)))
        }
        return ChutetopConfig(defaultContext: defaultContext, contexts: contexts, file: file)
    }

    private static func yamlError(_ e: YamlError, file: String?) -> ConfigError {
        switch e {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = [context.map { "\($0)" }, problem].compactMap { $0 }.joined(separator: ": ")
            return ConfigError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: " + what)
        case .reader(let problem, _, _, _):
            return ConfigError(file: file, message: "not readable as YAML: " + problem)
        default:
            return ConfigError(file: file, message: "not valid YAML: \(e)")
        }
    }
}
