/// A mutating action as data: what it targets, the inputs it takes and how they are checked,
/// what it sends (HTTP requests or commands, as templates), whether it is dangerous, and
/// whether the current source can perform it. Built-in actions (scale, restarts, and the Chutes
/// platform's warm-up and disable) and custom runbooks from YAML are the same type; a built-in
/// says which it is in `builtin`.
public struct RunbookAction: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable { case chute, instance }

    public var name: String
    public var summary: String
    public var scope: Scope
    public var inputs: [ActionInput]
    public var steps: [ActionStep]
    public var dangerous: Bool
    /// Ask before running (always true for built-ins; a runbook may say `confirm: false` only
    /// when it is not dangerous).
    public var confirm: Bool
    /// Why the current source cannot perform it (shown disabled with this reason), or nil.
    public var unsupported: String?
    /// Where it was defined ("built-in", or a runbook file and line).
    public var origin: String
    /// Which built-in it is (its `name` is then the raw value); nil for a runbook.
    public var builtin: BuiltinAction?

    public init(name: String, summary: String, scope: Scope, inputs: [ActionInput] = [], steps: [ActionStep],
                dangerous: Bool, confirm: Bool = true, unsupported: String? = nil, origin: String = "built-in",
                builtin: BuiltinAction? = nil) {
        self.name = name
        self.summary = summary
        self.scope = scope
        self.inputs = inputs
        self.steps = steps
        self.dangerous = dangerous
        self.confirm = confirm || dangerous
        self.unsupported = unsupported
        self.origin = origin
        self.builtin = builtin
    }
}

/// One typed input of an action, with its validation.
public struct ActionInput: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case integer(min: Int, max: Int)
        case text(maxLength: Int)
        case choice([String])
        case boolean
    }

    public var name: String
    public var kind: Kind
    public var help: String
    public var defaultValue: String?

    public init(name: String, kind: Kind, help: String = "", defaultValue: String? = nil) {
        self.name = name
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
    }

    /// What a value must be, as the form says it: "a whole number 0–100".
    public var expected: String {
        switch kind {
        case .integer(let lo, let hi): "a whole number \(lo)–\(hi)"
        case .text(let n): "text, up to \(n) characters"
        case .choice(let options): "one of " + options.joined(separator: ", ")
        case .boolean: "true or false"
        }
    }

    /// The value as it will be used, or why it is refused.
    public func validate(_ raw: String) -> Result<String, ActionProblem> {
        let text = String(raw.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        switch kind {
        case .integer(let lo, let hi):
            guard let n = Int(text) else { return .failure(ActionProblem("\(name): '\(text)' is not a whole number")) }
            guard (lo...hi).contains(n) else { return .failure(ActionProblem("\(name): \(n) is outside \(lo)–\(hi)")) }
            return .success(String(n))
        case .text(let maxLength):
            guard !text.isEmpty else { return .failure(ActionProblem("\(name): a value is needed")) }
            guard text.count <= maxLength else { return .failure(ActionProblem("\(name): longer than \(maxLength) characters")) }
            guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                return .failure(ActionProblem("\(name): control characters are not allowed"))
            }
            return .success(text)
        case .choice(let options):
            guard options.contains(text) else { return .failure(ActionProblem("\(name): one of \(options.joined(separator: ", "))")) }
            return .success(text)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "y", "1": return .success("true")
            case "false", "no", "n", "0": return .success("false")
            default: return .failure(ActionProblem("\(name): true or false"))
            }
        }
    }
}

/// What an action sends, as templates (`{{chute}}`, `{{chuteID}}`, `{{instance}}`, `{{context}}`,
/// `{{controlAPI}}`, `{{inputs.NAME}}`, `{{env.NAME}}` for secrets, shown redacted).
public enum ActionStep: Sendable, Hashable {
    case http(method: String, url: String, headers: [Label], body: String?)
    case command(argv: [String])

    /// Every text of the step that may hold placeholders.
    public var templates: [String] {
        switch self {
        case .http(_, let url, let headers, let body): [url] + headers.map(\.value) + (body.map { [$0] } ?? [])
        case .command(let argv): argv
        }
    }
}

public struct ActionProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
