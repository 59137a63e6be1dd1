/// One matcher of an Alertmanager silence: `name="value"`, `name!="value"`, `name=~"regex"` or
/// `name!~"regex"`, read from and written as the text the operator edits.
public struct SilenceMatcher: Sendable, Hashable {
    public var name: String
    public var value: String
    public var isRegex: Bool
    public var isEqual: Bool

    public init(name: String, value: String, isRegex: Bool = false, isEqual: Bool = true) {
        self.name = name
        self.value = value
        self.isRegex = isRegex
        self.isEqual = isEqual
    }

    /// `=`, `!=`, `=~` or `!~`.
    public var op: String { isEqual ? (isRegex ? "=~" : "=") : (isRegex ? "!~" : "!=") }

    /// Matchers as the operator writes them, comma-separated, values quoted.
    public static func text(_ matchers: [SilenceMatcher]) -> String {
        matchers.map { m in
            let quoted = m.value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
            return m.name + m.op + "\"" + quoted + "\""
        }.joined(separator: ", ")
    }

    /// Parses `name="value", name2=~"re.*"`; at least one matcher, names are label names.
    public static func parse(_ text: String) -> Result<[SilenceMatcher], ActionProblem> {
        var matchers: [SilenceMatcher] = []
        var rest = Substring(text)
        func skipSpaces() { rest = rest.drop { $0 == " " } }
        while true {
            skipSpaces()
            if rest.isEmpty { break }
            let name = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            guard !name.isEmpty, !(name.first!.isNumber) else { return .failure(ActionProblem("matchers: expected a label name at '\(rest.prefix(20))'")) }
            rest = rest.dropFirst(name.count)
            skipSpaces()
            var matcher = SilenceMatcher(name: name, value: "")
            if rest.hasPrefix("!~") { (matcher.isEqual, matcher.isRegex) = (false, true); rest = rest.dropFirst(2) }
            else if rest.hasPrefix("!=") { matcher.isEqual = false; rest = rest.dropFirst(2) }
            else if rest.hasPrefix("=~") { matcher.isRegex = true; rest = rest.dropFirst(2) }
            else if rest.hasPrefix("=") { rest = rest.dropFirst() }
            else { return .failure(ActionProblem("matchers: expected =, !=, =~ or !~ after '\(name)'")) }
            skipSpaces()
            guard rest.first == "\"" else { return .failure(ActionProblem("matchers: the value of '\(name)' must be in double quotes")) }
            rest = rest.dropFirst()
            var value = "", closed = false
            while let c = rest.first {
                rest = rest.dropFirst()
                if c == "\\", let next = rest.first {
                    value.append(next)
                    rest = rest.dropFirst()
                } else if c == "\"" {
                    closed = true
                    break
                } else {
                    value.append(c)
                }
            }
            guard closed else { return .failure(ActionProblem("matchers: unclosed quote in the value of '\(name)'")) }
            guard value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                return .failure(ActionProblem("matchers: control characters are not allowed"))
            }
            matcher.value = value
            matchers.append(matcher)
            skipSpaces()
            if rest.first == "," { rest = rest.dropFirst() } else if !rest.isEmpty {
                return .failure(ActionProblem("matchers: expected ',' between matchers at '\(rest.prefix(20))'"))
            }
        }
        guard !matchers.isEmpty else { return .failure(ActionProblem("matchers: at least one is needed")) }
        // Alertmanager refuses a silence whose matchers all match the empty string.
        guard matchers.contains(where: { $0.isEqual && !$0.isRegex && !$0.value.isEmpty }) || matchers.contains(where: { $0.isRegex }) else {
            return .failure(ActionProblem("matchers: at least one must match a non-empty value"))
        }
        return .success(matchers)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
