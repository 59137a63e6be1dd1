/// An action bound to its target and inputs, with every template filled in: exactly what will
/// be sent. `shown` is the same with secrets (`{{env.…}}` values, Authorization headers)
/// redacted, for the confirmation, the dry run and the audit log.
public struct PreparedAction: Sendable, Hashable {
    public struct Target: Sendable, Hashable, CustomStringConvertible {
        public var context: String
        public var chute: String
        public var instance: String?
        /// The chute's id at its control API or platform (`{{chuteID}}`), when known.
        public var chuteID: String?
        public init(context: String, chute: String, instance: String? = nil, chuteID: String? = nil) {
            self.context = context
            self.chute = chute
            self.instance = instance
            self.chuteID = chuteID
        }
        public var description: String { instance.map { "\(chute)/\($0)" } ?? chute }
    }

    public var action: String
    /// The built-in it prepares, from the action; nil for a runbook.
    public var builtin: BuiltinAction?
    public var target: Target
    public var parameters: [Label]
    public var steps: [ActionStep]
    public var shown: [ActionStep]
    public var dangerous: Bool
    /// The chute's instance counts before, for the audit log and the blast radius.
    public var before: FleetPicture.Counts?
    /// The steps addressed to the control plane: their URL template began with
    /// `{{controlAPI}}`, so they go with its credential (decided by the template, never by
    /// comparing a filled URL with a prefix).
    public var controlPlaneSteps: Set<Int> = []
    /// The steps sent to the context's Alertmanager (silences), with its credential.
    public var alertmanagerSteps: Set<Int> = []
    /// The secrets filled into `steps` (`{{env.…}}` values, Authorization header values): never
    /// shown, never audited.
    public var secretValues: [String] = []

    /// Redacts this action's secrets, and anything shaped like one, from a line.
    public var redactor: SecretRedactor { SecretRedactor(values: secretValues) }

    /// Whether step `k` is sent through the control plane.
    public func addressesControlPlane(step k: Int) -> Bool { controlPlaneSteps.contains(k) }

    public static func == (a: PreparedAction, b: PreparedAction) -> Bool {
        a.action == b.action && a.target == b.target && a.parameters == b.parameters && a.steps == b.steps
    }

    public func hash(into h: inout Hasher) {
        h.combine(action)
        h.combine(target)
    }

    /// Binds `action` to a target; every input is validated (missing ones take their default),
    /// and a scale's against the chute's limits in `before` (`InstanceLimits`).
    /// `silence`: what a silence action needs (nil where the context has no Alertmanager).
    public static func prepare(_ action: RunbookAction, target: Target, inputs: [String: String], controlAPI: String?,
                               environment: [String: String], before: FleetPicture.Counts? = nil,
                               silence: SilenceActions.Settings? = nil) -> Result<PreparedAction, ActionProblem> {
        if let reason = action.unsupported { return .failure(ActionProblem("\(action.name) is not available: \(reason)")) }
        if action.builtin?.isSilence == true { return SilenceActions.prepare(action, target: target, inputs: inputs, settings: silence) }
        if action.scope == .instance && target.instance == nil { return .failure(ActionProblem("\(action.name) needs an instance")) }
        var values: [String: String] = [:]
        var parameters: [Label] = []
        for input in action.inputs {
            guard let raw = inputs[input.name] ?? input.defaultValue else { return .failure(ActionProblem("\(input.name): a value is needed")) }
            switch input.validate(raw) {
            case .success(let v):
                values[input.name] = v
                parameters.append(Label(input.name, v))
            case .failure(let p): return .failure(p)
            }
        }
        if let unknown = inputs.keys.sorted().first(where: { name in !action.inputs.contains { $0.name == name } }) {
            return .failure(ActionProblem("\(action.name) takes no input '\(unknown)'"))
        }
        if let problem = InstanceLimits(chute: target.chute, counts: before).problem(action.builtin, values: values) {
            return .failure(problem)
        }
        var context: [String: String] = ["chute": target.chute, "context": target.context]
        if let i = target.instance { context["instance"] = i }
        if let id = target.chuteID { context["chuteID"] = id }
        if let c = controlAPI { context["controlAPI"] = c }
        for (k, v) in values { context["inputs.\(k)"] = v }
        var steps: [ActionStep] = [], shown: [ActionStep] = []
        for step in action.steps {
            do {
                steps.append(try ActionTemplate.fill(step, context, secrets: environment, redact: false))
                shown.append(try ActionTemplate.fill(step, context, secrets: environment, redact: true))
            } catch {
                return .failure(error)
            }
        }
        var prepared = PreparedAction(action: action.name, builtin: action.builtin, target: target, parameters: parameters, steps: steps,
                                      shown: shown, dangerous: action.dangerous, before: before)
        prepared.secretValues = secrets(of: action.steps, filled: steps, environment: environment)
        prepared.controlPlaneSteps = Set(action.steps.indices.filter { k in
            // Addressed to the control plane: the URL template starts with its placeholder
            // (spelled `{{controlAPI}}` or `{{ controlAPI }}`).
            guard case .http(_, let url, _, _) = action.steps[k], url.hasPrefix("{{"),
                  let first = try? ActionTemplate.placeholders(in: url).first else { return false }
            return first == "controlAPI"
        })
        return .success(prepared)
    }

    /// How a step is shown: `POST url` with headers and body, or the argv quoted; anything
    /// shaped like a secret (a literal token in a runbook) redacted.
    public static func describe(_ step: ActionStep) -> [String] {
        let lines: [String]
        switch step {
        case .http(let method, let url, let headers, let body):
            lines = ["\(method) \(url)"] + headers.map { "  \($0.name): \($0.value)" } + (body.map { ["  \($0)"] } ?? [])
        case .command(let argv):
            lines = ["run " + argv.map(ActionTemplate.quoted).joined(separator: " ")]
        }
        return lines.map(SecretRedactor.redactPatterns)
    }

    /// The values of the `{{env.…}}` placeholders in `templates` and of the Authorization
    /// headers in `filled`.
    private static func secrets(of templates: [ActionStep], filled: [ActionStep], environment: [String: String]) -> [String] {
        var texts: [String] = []
        for step in templates {
            switch step {
            case .http(_, let url, let headers, let body): texts += [url] + headers.map(\.value) + (body.map { [$0] } ?? [])
            case .command(let argv): texts += argv
            }
        }
        let names = texts.flatMap { (try? ActionTemplate.placeholders(in: $0)) ?? [] }.filter { $0.hasPrefix("env.") }
        var values = names.compactMap { environment[String($0.dropFirst(4))] }
        for case .http(_, _, let headers, _) in filled {
            // The whole value and the credential after its scheme.
            values += headers.filter { $0.name.lowercased() == "authorization" }.flatMap { [$0.value, String($0.value.split(separator: " ").last ?? "")] }
        }
        return values
    }
}

/// Fills `{{name}}` placeholders. Values are inserted as they are (URLs get the path component
/// escaped); an unknown placeholder is an error, never an empty string.
public enum ActionTemplate {
    public static func fill(_ step: ActionStep, _ values: [String: String], secrets: [String: String], redact: Bool) throws(ActionProblem) -> ActionStep {
        switch step {
        case .http(let method, let url, let headers, let body):
            let filledHeaders = try headers.map { (h) throws(ActionProblem) -> Label in
                let secret = h.name.lowercased() == "authorization" || h.value.contains("{{env.")
                return Label(h.name, redact && secret ? "<redacted>" : try fill(h.value, values, secrets, redact: redact, escape: nil))
            }
            return .http(method: method, url: try fill(url, values, secrets, redact: redact, escape: pathEscape),
                         headers: filledHeaders, body: try body.map { (b) throws(ActionProblem) in try fill(b, values, secrets, redact: redact, escape: jsonEscape) })
        case .command(let argv):
            return .command(argv: try argv.map { (a) throws(ActionProblem) in try fill(a, values, secrets, redact: redact, escape: nil) })
        }
    }

    /// The `{{name}}`s in a template, in order (spaces inside the braces ignored).
    public static func placeholders(in text: String) throws(ActionProblem) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { throw ActionProblem("unclosed '{{' in '\(text)'") }
            names.append(String(rest[open.upperBound..<close.lowerBound].filter { $0 != " " }))
            rest = rest[close.upperBound...]
        }
        return names
    }

    static func fill(_ text: String, _ values: [String: String], _ secrets: [String: String], redact: Bool,
                     escape: ((String) -> String)?) throws(ActionProblem) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { throw ActionProblem("unclosed '{{' in '\(text)'") }
            let name = String(rest[open.upperBound..<close.lowerBound].filter { $0 != " " })
            if name.hasPrefix("env.") {
                guard let v = secrets[String(name.dropFirst(4))] else { throw ActionProblem("\(name.dropFirst(4)) is not set in the environment") }
                out += redact ? "<redacted>" : v
            } else {
                guard let v = values[name] else { throw ActionProblem("no value for {{\(name)}} in '\(text)'") }
                out += escape.map { $0(v) } ?? v
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Escapes a value placed in a URL: everything but unreserved characters (keeps a URL given
    /// whole, such as the control API, as it is).
    static func pathEscape(_ v: String) -> String {
        if v.hasPrefix("http://") || v.hasPrefix("https://") { return v }
        var out = ""
        for b in v.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E {
                out.append(Character(Unicode.Scalar(b)))
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded
            }
        }
        return out
    }

    /// Escapes a value placed inside a JSON string in a body template.
    static func jsonEscape(_ v: String) -> String {
        var out = ""
        for u in v.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += "\\u00" + String(u.value, radix: 16).leftPadded
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// An argument as a shell would need it quoted (for display only; nothing runs a shell).
    public static func quoted(_ a: String) -> String {
        let plain = !a.isEmpty && a.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
        return plain ? a : "'" + a.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

extension String {
    fileprivate var leftPadded: String { count < 2 ? String(repeating: "0", count: 2 - count) + self : self }
}
