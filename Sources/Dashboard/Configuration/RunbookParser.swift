import Monitoring
import Yams

/// Custom runbooks: a list under `runbooks:` in the config, or in any `*.yaml` file of a
/// `runbooks/` directory beside it. Every key is checked; templates may use only the inputs the
/// runbook declares; a name may not shadow a built-in action or another runbook.
public enum RunbookParser {
    static let placeholders: Set<String> = ["chute", "chuteID", "instance", "context", "controlAPI"]

    /// A runbook file's text (a list, or a mapping with `runbooks:`); throws its first problem.
    public static func parse(_ text: String, file: String?) throws(ConfigError) -> [RunbookAction] {
        let checked = check(text, file: file)
        if let first = checked.problems.first { throw first }
        return checked.runbooks
    }

    /// Every problem in a runbook file (for `config check`).
    public static func problems(_ text: String, file: String?) -> [ConfigError] {
        check(text, file: file).problems
    }

    /// The runbooks that could be read, and every problem in the file's order.
    static func check(_ text: String, file: String?) -> (runbooks: [RunbookAction], problems: [ConfigError]) {
        let node: Node?
        do { node = try ConfigYAML.compose(text, file: file) } catch { return ([], [error]) }
        guard let node else { return ([], []) }
        let problems = ConfigProblems()
        let root = ConfigNode(root: node, file: file, problems: problems)
        let list = root.attempt { () throws(ConfigError) in
            try runbooks(node.mapping != nil ? try root.mapping(allowed: ["runbooks"], required: ["runbooks"])["runbooks"]! : root)
        }
        return (list ?? [], problems.inFileOrder)
    }

    static func runbooks(_ node: ConfigNode) throws(ConfigError) -> [RunbookAction] {
        var out: [RunbookAction] = []
        for n in try node.sequence() {
            guard let r = n.attempt({ () throws(ConfigError) in try runbook(n) }) else { continue }
            if BuiltinActions.names.contains(r.name) { n.problems.record(n.error("'\(r.name)' is a built-in action; choose another name")); continue }
            if out.contains(where: { $0.name == r.name }) { n.problems.record(n.error("a second runbook named '\(r.name)'")); continue }
            out.append(r)
        }
        return out
    }

    static func runbook(_ node: ConfigNode) throws(ConfigError) -> RunbookAction {
        let m = try node.mapping(allowed: ["name", "description", "scope", "inputs", "steps", "confirm", "dangerous"],
                                 required: ["name", "scope", "steps"])
        let name = try m["name"]!.string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw m["name"]!.error("a runbook name is letters, digits, - and _")
        }
        let scopeWord = try m["scope"]!.string()
        guard let scope = RunbookAction.Scope(rawValue: scopeWord) else {
            throw m["scope"]!.error("scope is chute or instance", suggestion: Suggestion.nearest(to: scopeWord, among: ["chute", "instance"]))
        }
        let inputs = try m["inputs"].map { (n) throws(ConfigError) in try n.sequence().map { (i) throws(ConfigError) in try input(i) } } ?? []
        let stepNodes = try m["steps"]!.sequence()
        guard !stepNodes.isEmpty else { throw m["steps"]!.error("a runbook needs at least one step") }
        var known = placeholders
        for i in inputs { known.insert("inputs.\(i.name)") }
        let steps = try stepNodes.map { (s) throws(ConfigError) in try step(s, known: known, scope: scope) }
        let dangerous = try m["dangerous"]?.bool() ?? true
        let confirm = try m["confirm"]?.bool() ?? true
        if !confirm && dangerous { throw m["confirm"]!.error("a dangerous runbook is always confirmed (set dangerous: false to skip the question)") }
        let line = node.node.mark.map { ":\($0.line)" } ?? ""
        return RunbookAction(name: name, summary: try m["description"]?.string() ?? "", scope: scope, inputs: inputs, steps: steps,
                             dangerous: dangerous, confirm: confirm, origin: (node.file ?? "config") + line)
    }

    static func input(_ node: ConfigNode) throws(ConfigError) -> ActionInput {
        let m = try node.mapping(allowed: ["name", "type", "min", "max", "maxLength", "options", "default", "help"], required: ["name", "type"])
        let name = try m["name"]!.string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw m["name"]!.error("an input name is letters, digits and _")
        }
        let type = try m["type"]!.string()
        let kind: ActionInput.Kind
        switch type {
        case "integer":
            let lo = try m["min"]?.int(in: -1_000_000...1_000_000) ?? 0
            let hi = try m["max"]?.int(in: lo...1_000_000) ?? 1_000_000
            kind = .integer(min: lo, max: hi)
        case "text": kind = .text(maxLength: try m["maxLength"]?.int(in: 1...4096) ?? 256)
        case "choice":
            guard let o = m["options"] else { throw node.error("a choice input needs options") }
            let options = try o.sequence().map { (x) throws(ConfigError) in try x.string() }
            guard !options.isEmpty else { throw o.error("at least one option") }
            kind = .choice(options)
        case "boolean": kind = .boolean
        default:
            throw m["type"]!.error("type is integer, text, choice or boolean", suggestion: Suggestion.nearest(to: type, among: ["integer", "text", "choice", "boolean"]))
        }
        let input = ActionInput(name: name, kind: kind, help: try m["help"]?.string() ?? "", defaultValue: try m["default"]?.string())
        if let d = input.defaultValue, case .failure(let p) = input.validate(d) { throw m["default"]!.error("the default is refused: \(p)") }
        return input
    }

    static func step(_ node: ConfigNode, known: Set<String>, scope: RunbookAction.Scope) throws(ConfigError) -> ActionStep {
        let m = try node.mapping(allowed: ["http", "command"])
        guard m.count == 1 else { throw node.error("a step is either http or command") }
        if let c = m["command"] {
            let argv = try c.sequence().map { (x) throws(ConfigError) in (try x.string(), x) }
            guard let first = argv.first, !first.0.isEmpty else { throw c.error("a command needs its program as the first item") }
            for (a, n) in argv { try check(a, n, known: known, scope: scope) }
            return .command(argv: argv.map(\.0))
        }
        let h = try m["http"]!.mapping(allowed: ["method", "url", "headers", "body"], required: ["url"])
        let method = try h["method"]?.string().uppercased() ?? "POST"
        guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) else { throw h["method"]!.error("method is GET, POST, PUT, PATCH or DELETE") }
        let url = try h["url"]!.string()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("{{controlAPI}}") else {
            throw h["url"]!.error("the URL must start with http://, https:// or {{controlAPI}}")
        }
        try check(url, h["url"]!, known: known, scope: scope)
        var headers: [Label] = []
        if let hs = h["headers"] {
            guard let pairs = hs.node.mapping else { throw hs.error("headers are a mapping of name: value") }
            for (k, v) in pairs {
                let value = hs.derived(v, path: hs.path + "." + (k.string ?? "?"))
                let text = try value.string()
                try check(text, value, known: known, scope: scope)
                headers.append(Label(k.string ?? "", text))
            }
        }
        let body = try h["body"]?.string()
        if let body { try check(body, h["body"]!, known: known, scope: scope) }
        return .http(method: method, url: url, headers: headers, body: body)
    }

    /// Every `{{name}}` must be known (an input, the target, the context, `env.NAME`).
    static func check(_ text: String, _ node: ConfigNode, known: Set<String>, scope: RunbookAction.Scope) throws(ConfigError) {
        let names: [String]
        do { names = try ActionTemplate.placeholders(in: text) } catch { throw node.error("unclosed '{{'") }
        for name in names {
            if name == "instance" && scope == .chute { throw node.error("{{instance}} needs scope: instance") }
            if !name.hasPrefix("env.") && !known.contains(name) {
                throw node.error("unknown placeholder {{\(name)}}", suggestion: Suggestion.nearest(to: name, among: Array(known)).map { "{{\($0)}}" })
            }
        }
    }
}
