import Monitoring
import TerminalUI
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
        let top = try root.mapping(allowed: ["defaultContext", "contexts", "keys", "readOnly", "runbooks"], required: ["contexts"])
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
        var config = ChutetopConfig(defaultContext: defaultContext, contexts: contexts, file: file)
        if let k = top["keys"] { config.keyMap = try keyMap(k) }
        if let r = top["readOnly"] { config.readOnly = try r.bool() }
        if let r = top["runbooks"] { config.runbooks = try RunbookParser.runbooks(r) }
        return config
    }

    /// `keys:` maps an action to a key name or a list of them; each replaces that action's
    /// default keys. A key shared by two actions read in the same place is refused.
    static func keyMap(_ node: ConfigNode) throws(ConfigError) -> KeyMap {
        let names = DashboardAction.allCases.map(\.rawValue)
        let m = try node.mapping(allowed: names)
        var overrides: [DashboardAction: [Key]] = [:]
        for (name, value) in m {
            let spelled: [ConfigNode] = value.node.sequence != nil ? try value.sequence() : [value]
            var keys: [Key] = []
            for s in spelled {
                let text = try s.string()
                guard let key = KeyMap.key(named: text) else {
                    throw s.error("'\(text)' is not a key name (a character, space, ctrl-x, enter, esc, tab, up, down, left, right, home, end, pgup, pgdn, F1-F24)")
                }
                keys.append(key)
            }
            guard !keys.isEmpty else { throw value.error("bind at least one key") }
            overrides[DashboardAction(rawValue: name)!] = keys
        }
        do {
            return try KeyMap(overrides: overrides)
        } catch {
            let culprit = error.actions.compactMap { m[$0.rawValue] }.first ?? node
            throw culprit.error("\(error) (keys may be shared only by actions read in different views)")
        }
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
