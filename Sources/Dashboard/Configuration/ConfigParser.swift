import Monitoring
import TerminalUI
import Yams

/// Reads the YAML configuration and validates every key and value. `parse` throws the first
/// problem (in the file's order) as a `ConfigError` naming the file, line and key; `check`
/// returns every problem with what could be read around them.
public enum ConfigParser {
    public static func parse(_ text: String, file: String?) throws(ConfigError) -> ChutetopConfig {
        let checked = check(text, file: file)
        if let first = checked.problems.first { throw first }
        return checked.config!
    }

    public static func check(_ text: String, file: String?) -> ConfigCheck {
        let node: Node?
        do { node = try ConfigYAML.compose(text, file: file) } catch { return ConfigCheck(config: nil, problems: [error]) }
        guard let node else { return ConfigCheck(config: nil, problems: [ConfigError(file: file, message: "the file is empty")]) }
        let problems = ConfigProblems()
        let root = ConfigNode(root: node, file: file, problems: problems)
        var paths: [String] = []
        let config = root.attempt { () throws(ConfigError) in try read(root, paths: &paths) }
        return ConfigCheck(config: config, problems: problems.inFileOrder, contextPaths: paths, lines: problems.lines)
    }

    /// The file's top level; `paths` gets the key path of each context read.
    private static func read(_ root: ConfigNode, paths: inout [String]) throws(ConfigError) -> ChutetopConfig {
        let top = try root.mapping(allowed: ["defaultContext", "contexts", "keys", "readOnly", "runbooks", "mouse"], required: ["contexts"])
        let contextNodes = try top["contexts"]!.sequence()
        guard !contextNodes.isEmpty else { throw top["contexts"]!.error("at least one context is needed") }
        var contexts: [ContextConfig] = []
        // Every context named in the file, read or not: a default naming one with problems is not
        // a second problem.
        let named = contextNodes.compactMap { $0.node.mapping?["name"]?.string }
        for c in contextNodes {
            guard let context = c.attempt({ () throws(ConfigError) in try ContextParser.context(c) }) else { continue }
            if contexts.contains(where: { $0.name == context.name }) {
                root.problems.record(c.error("a second context named '\(context.name)'"))
                continue
            }
            contexts.append(context)
            paths.append(c.path)
        }
        var config = ChutetopConfig(contexts: contexts, file: root.file)
        if let d = top["defaultContext"] {
            d.attempt { () throws(ConfigError) in
                let name = try d.string()
                guard named.contains(name) else {
                    throw d.error("no context named '\(name)'", suggestion: Suggestion.nearest(to: name, among: named))
                }
                config.defaultContext = name
            }
        }
        if let k = top["keys"] { k.attempt { () throws(ConfigError) in config.keyMap = try keyMap(k) } }
        if let r = top["readOnly"] { r.attempt { () throws(ConfigError) in config.readOnly = try r.bool() } }
        if let m = top["mouse"] { m.attempt { () throws(ConfigError) in config.mouse = try m.bool() } }
        if let r = top["runbooks"] { r.attempt { () throws(ConfigError) in config.runbooks = try RunbookParser.runbooks(r) } }
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
}
