import Monitoring

/// The overview's `/` filter: space-separated terms, all of which must hold. A term is a field
/// comparison (`err>1`, `gpu>=90`, `p95>2s`, `rps<5`, `ready<2`, `breaker=open`, `name=bge-m3`)
/// or a piece of a chute's name (case-insensitive; `!piece` excludes). Percent fields are in
/// percent, `p95` in seconds (`ms` and `s` suffixes accepted). LLM chutes add `queue>10`
/// (requests waiting), `kv>=90` (KV cache, percent), `tok<100` (generated tokens/s),
/// `ttft>2s`, and `saturation=kv-cache` (a verdict's kind: kv-cache, queue, cold-start,
/// engine-stuck; `saturation=any` for any verdict, `saturation!=any` for none).
public struct FleetFilter: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case err, gpu, rps, p95, ready, breaker, name
        case queue, kv, tokens, ttft, saturation
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">=", atMost = "<=", notEqual = "!=", above = ">", below = "<", equal = "="
    }

    public enum Term: Sendable, Equatable {
        case substring(String, negated: Bool)
        case number(Field, Comparison, Double)
        case text(Field, Comparison, String)
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var term: String
        public var message: String
        public var suggestion: String?
        public var description: String {
            "'\(term)': \(message)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        }
    }

    public var terms: [Term]

    public init(terms: [Term] = []) { self.terms = terms }

    /// Parses the text typed after `/`; an empty text matches everything.
    public init(parsing text: String) throws(Problem) {
        terms = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            terms.append(try Self.term(word))
        }
    }

    private static func term(_ word: String) throws(Problem) -> Term {
        // The longest operator that occurs, so `>=` is not read as `>` then `=…`.
        let found = Comparison.allCases.compactMap { op in word.firstRange(of: op.rawValue).map { (op, $0) } }
            .min { $0.1.lowerBound < $1.1.lowerBound || ($0.1.lowerBound == $1.1.lowerBound && $0.0.rawValue.count > $1.0.rawValue.count) }
        guard let (op, range) = found else {
            return word.hasPrefix("!") && word.count > 1 ? .substring(String(word.dropFirst()).lowercased(), negated: true)
                                                         : .substring(word.lowercased(), negated: false)
        }
        let key = String(word[..<range.lowerBound]).lowercased(), value = String(word[range.upperBound...])
        guard let field = Field(rawValue: key) ?? alias(key) else {
            throw Problem(term: word, message: "unknown field '\(key)'", suggestion: Suggestion.nearest(to: key, among: Field.allCases.map(\.rawValue)))
        }
        guard !value.isEmpty else { throw Problem(term: word, message: "no value after \(op.rawValue)") }
        switch field {
        case .breaker, .name:
            guard op == .equal || op == .notEqual else { throw Problem(term: word, message: "\(field.rawValue) takes = or !=") }
            if field == .breaker, BreakerState(spelling: value) == nil {
                throw Problem(term: word, message: "unknown breaker state '\(value)'",
                              suggestion: Suggestion.nearest(to: value, among: BreakerState.allCases.map(\.rawValue)))
            }
            return .text(field, op, value.lowercased())
        case .saturation:
            guard op == .equal || op == .notEqual else { throw Problem(term: word, message: "saturation takes = or !=") }
            let kinds = SaturationVerdict.Kind.allCases.map(\.rawValue) + ["any"]
            guard kinds.contains(value.lowercased()) else {
                throw Problem(term: word, message: "unknown saturation '\(value)'", suggestion: Suggestion.nearest(to: value, among: kinds))
            }
            return .text(field, op, value.lowercased())
        case .err, .gpu, .rps, .p95, .ready, .queue, .kv, .tokens, .ttft:
            guard let number = number(value, seconds: field == .p95 || field == .ttft) else { throw Problem(term: word, message: "'\(value)' is not a number") }
            return .number(field, op, number)
        }
    }

    private static func alias(_ key: String) -> Field? {
        switch key {
        case "error", "errors", "5xx": .err
        case "req", "rate": .rps
        case "latency": .p95
        case "waiting": .queue
        case "tok", "tok/s": .tokens
        case "verdict", "saturated": .saturation
        default: nil
        }
    }

    private static func number(_ text: String, seconds: Bool) -> Double? {
        var t = text.hasSuffix("%") ? String(text.dropLast()) : text
        var scale = 1.0
        if seconds && t.hasSuffix("ms") { t = String(t.dropLast(2)); scale = 0.001 } else if seconds && t.hasSuffix("s") { t = String(t.dropLast()) }
        guard let v = Double(t), v.isFinite else { return nil }
        return v * scale
    }

    /// Whether a chute passes every term. A comparison with an unknown value (no traffic, no
    /// GPU figures) does not hold.
    public func matches(_ chute: FleetPicture.Chute) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .substring(let piece, let negated):
                return chute.name.lowercased().contains(piece) != negated
            case .number(let field, let op, let limit):
                guard let v = Self.value(field, chute) else { return false }
                return Self.compare(v, op, limit)
            case .text(.saturation, let op, let kind):
                let has = chute.saturation.map { kind == "any" || $0.kind.rawValue == kind } ?? false
                return op == .equal ? has : !has
            case .text(.breaker, let op, let state):
                let wanted = BreakerState(spelling: state)
                let has = chute.instances.contains { $0.breakers.contains { $0.state == wanted } }
                return op == .equal ? has : !has
            case .text(_, let op, let name):
                return (chute.name.lowercased() == name) == (op == .equal)
            }
        }
    }

    static func value(_ field: Field, _ c: FleetPicture.Chute) -> Double? {
        switch field {
        case .err: c.errorRatio.value.map { $0 * 100 }
        case .gpu: c.gpu?.meanUtilization
        case .rps: c.requestRate.value
        case .p95: c.p95.value
        case .ready: Double(c.counts.ready)
        case .queue: c.inference?.waiting
        case .kv: (c.inference?.kvCacheUsageMax ?? c.inference?.kvCacheUsage).map { $0 * 100 }
        case .tokens: c.inference?.generationTokensPerSecond
        case .ttft: c.inference?.timeToFirstTokenP95
        case .breaker, .name, .saturation: nil
        }
    }

    static func compare(_ v: Double, _ op: Comparison, _ limit: Double) -> Bool {
        switch op {
        case .above: v > limit
        case .below: v < limit
        case .atLeast: v >= limit
        case .atMost: v <= limit
        case .equal: v == limit
        case .notEqual: v != limit
        }
    }
}
