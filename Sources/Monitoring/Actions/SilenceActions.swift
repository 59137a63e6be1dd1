/// The silence actions, offered when a context names an Alertmanager: `silence` (matchers, by
/// default the chute's `chute="NAME"`, a duration and a comment) and `expire-silence` (by id).
/// They are prepared here rather than from templates, because the request holds the time it is
/// made and a list of matchers: the prepared request is still exactly what is sent.
public enum SilenceActions {
    /// What preparing a silence needs from the shell: where Alertmanager is, the time, and who
    /// asks (`createdBy`: user@host, or "chutetop").
    public struct Settings: Sendable, Hashable {
        public var alertmanager: String
        public var now: Double
        public var createdBy: String
        public init(alertmanager: String, now: Double, createdBy: String) {
            self.alertmanager = alertmanager
            self.now = now
            self.createdBy = createdBy
        }
    }

    /// The longest silence accepted.
    public static let maxDuration = 30.0 * 86_400

    public static func catalog(alertmanager: String) -> [RunbookAction] {
        [
            RunbookAction(name: BuiltinAction.silence.rawValue, summary: "silence matching alerts at Alertmanager (\(alertmanager))", scope: .chute,
                          inputs: [ActionInput(name: "duration", kind: .text(maxLength: 16), help: "how long: 30m, 2h, 1d", defaultValue: "2h"),
                                   ActionInput(name: "comment", kind: .text(maxLength: 500), help: "why (kept with the silence)"),
                                   ActionInput(name: "matchers", kind: .text(maxLength: 2000), help: "which alerts: name=\"value\", …; default the chute's",
                                               defaultValue: "")],
                          steps: [.http(method: "POST", url: "{{alertmanager}}/api/v2/silences", headers: [Label("Content-Type", "application/json")],
                                        body: "{{silence}}")],
                          dangerous: false, builtin: .silence),
            RunbookAction(name: BuiltinAction.expireSilence.rawValue, summary: "expire a silence at Alertmanager (\(alertmanager))", scope: .chute,
                          inputs: [ActionInput(name: "silence", kind: .text(maxLength: 64), help: "the silence's id")],
                          steps: [.http(method: "DELETE", url: "{{alertmanager}}/api/v2/silence/{{inputs.silence}}", headers: [], body: nil)],
                          dangerous: false, builtin: .expireSilence),
        ]
    }

    /// Binds a silence action: validates its inputs and writes the request.
    public static func prepare(_ action: RunbookAction, target: PreparedAction.Target, inputs: [String: String],
                               settings: Settings?) -> Result<PreparedAction, ActionProblem> {
        guard let settings else { return .failure(ActionProblem("\(action.name) needs an Alertmanager: add 'alertmanager: {url: …}' to the context")) }
        if let unknown = inputs.keys.sorted().first(where: { name in !action.inputs.contains { $0.name == name } }) {
            return .failure(ActionProblem("\(action.name) takes no input '\(unknown)'"))
        }
        func value(_ name: String) -> Result<String, ActionProblem> {
            guard let input = action.inputs.first(where: { $0.name == name }) else { return .failure(ActionProblem("\(action.name) has no input '\(name)'")) }
            guard let raw = inputs[name] ?? input.defaultValue else { return .failure(ActionProblem("\(name): a value is needed")) }
            return input.validate(raw)
        }
        let step: ActionStep, parameters: [Label]
        switch action.builtin {
        case .silence?:
            let duration: String, comment: String
            switch (value("duration"), value("comment")) {
            case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
            case (.success(let d), .success(let c)): (duration, comment) = (d, c)
            }
            guard let seconds = parseDuration(duration), seconds >= 60, seconds <= maxDuration else {
                return .failure(ActionProblem("duration: '\(duration)' is not a duration from 1m to 30d (e.g. 30m, 2h, 1d)"))
            }
            let matcherText = (inputs["matchers"] ?? "").trimmingSpaces
            let matchers: [SilenceMatcher]
            if matcherText.isEmpty {
                matchers = [SilenceMatcher(name: "chute", value: target.chute)]
            } else {
                switch SilenceMatcher.parse(matcherText) {
                case .failure(let p): return .failure(p)
                case .success(let m): matchers = m
                }
            }
            let body = requestBody(matchers: matchers, startsAt: settings.now, endsAt: settings.now + seconds,
                                   createdBy: settings.createdBy, comment: comment)
            step = .http(method: "POST", url: settings.alertmanager + "/api/v2/silences", headers: [Label("Content-Type", "application/json")], body: body)
            parameters = [Label("duration", duration), Label("comment", comment), Label("matchers", SilenceMatcher.text(matchers))]
        case .expireSilence?:
            let id: String
            switch value("silence") {
            case .failure(let p): return .failure(p)
            case .success(let v): id = v
            }
            guard id.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "-") }) else {
                return .failure(ActionProblem("silence: '\(id)' is not a silence id (hex digits and dashes)"))
            }
            step = .http(method: "DELETE", url: settings.alertmanager + "/api/v2/silence/" + id, headers: [], body: nil)
            parameters = [Label("silence", id)]
        default:
            return .failure(ActionProblem("\(action.name) is not a silence action"))
        }
        var prepared = PreparedAction(action: action.name, builtin: action.builtin, target: target, parameters: parameters, steps: [step],
                                      shown: [step], dangerous: action.dangerous)
        prepared.alertmanagerSteps = [0]
        return .success(prepared)
    }

    /// A postableSilence (PROTOCOLS.md §5.2), keys in a fixed order.
    static func requestBody(matchers: [SilenceMatcher], startsAt: Double, endsAt: Double, createdBy: String, comment: String) -> String {
        let m = matchers.map {
            "{\"name\":\"\(ActionTemplate.jsonEscape($0.name))\",\"value\":\"\(ActionTemplate.jsonEscape($0.value))\",\"isRegex\":\($0.isRegex),\"isEqual\":\($0.isEqual)}"
        }
        return "{\"matchers\":[\(m.joined(separator: ","))],\"startsAt\":\"\(RFC3339.format(startsAt))\",\"endsAt\":\"\(RFC3339.format(endsAt))\","
            + "\"createdBy\":\"\(ActionTemplate.jsonEscape(createdBy))\",\"comment\":\"\(ActionTemplate.jsonEscape(comment))\"}"
    }

    /// `90s`, `30m`, `2h`, `1d`, `1h30m`; nil when not a duration.
    public static func parseDuration(_ text: String) -> Double? {
        var total = 0.0, number = "", any = false
        for c in text {
            if c.isASCII && c.isNumber { number.append(c); continue }
            guard let n = Double(number) else { return nil }
            switch c {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86_400
            case "w": total += n * 7 * 86_400
            default: return nil
            }
            number = ""
            any = true
        }
        return any && number.isEmpty ? total : nil
    }
}

/// Seconds since the epoch as RFC 3339 in UTC (`2026-11-29T21:40:05Z`, milliseconds when any).
public enum RFC3339 {
    public static func format(_ seconds: Double) -> String {
        let millis = Int64((seconds * 1000).rounded())
        let whole = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let ms = Int(millis - whole * 1000)
        let days = Int(whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400)
        let secs = Int(whole) - days * 86_400
        let (year, month, day) = CivilDate.fromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(year)-\(two(month))-\(two(day))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))"
        if ms != 0 { text += "." + String(String(ms + 1000).dropFirst()) }
        return text + "Z"
    }
}

extension String {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
