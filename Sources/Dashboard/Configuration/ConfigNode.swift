import Monitoring
import Yams

/// A YAML node with its place (file, line, column, key path), read with type and key checks
/// that throw `ConfigError`s naming that place. Problems a reader can step over are recorded
/// in `problems` (shared by every node of one file) instead of thrown.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String?
    let problems: ConfigProblems
    /// Where the key naming this node was written (set for a mapping's values).
    var keyMark: Mark? = nil

    /// A file's root node.
    init(root node: Node, file: String?, problems: ConfigProblems) {
        self.init(node: node, path: "", file: file, problems: problems)
    }

    private init(node: Node, path: String, file: String?, problems: ConfigProblems, keyMark: Mark? = nil) {
        self.node = node
        self.path = path
        self.file = file
        self.problems = problems
        self.keyMark = keyMark
    }

    /// Another node of the same file (a mapping's key or value read by hand).
    func derived(_ node: Node, path: String) -> ConfigNode {
        ConfigNode(node: node, path: path, file: file, problems: problems)
    }

    /// Runs `read`; a problem it throws is recorded and nil returned, so the reader carries on
    /// with the next key, rule or context.
    @discardableResult
    func attempt<T>(_ read: () throws(ConfigError) -> T) -> T? {
        do { return try read() } catch {
            problems.record(error)
            return nil
        }
    }

    func error(_ message: String, suggestion: String? = nil, at mark: Mark? = nil) -> ConfigError {
        let m = mark ?? node.mark
        return ConfigError(file: file, line: m?.line, column: m?.column, key: path.isEmpty ? nil : path, message: message, suggestion: suggestion)
    }

    /// An error placed at this node's key (`sources:`) rather than at its value.
    func keyError(_ message: String, suggestion: String? = nil) -> ConfigError {
        error(message, suggestion: suggestion, at: keyMark)
    }

    /// The mapping's entries by key. A key not in `allowed` (`unknown` says why, with the
    /// nearest one) and a second copy of a key are recorded as problems and skipped; a missing
    /// required key is thrown (unless it is the one a misspelt key was recorded for).
    func mapping(allowed: [String], required: [String] = [], unknown: String = "unknown key") throws(ConfigError) -> [String: ConfigNode] {
        guard let m = node.mapping else { throw error("expected a mapping of keys (\(allowed.joined(separator: ", ")))") }
        var out: [String: ConfigNode] = [:]
        var misspelt: [String: ConfigError] = [:]
        for (k, v) in m {
            guard let key = k.string else {
                problems.record(error(NonTextKeyScan.message, at: k.mark))
                continue
            }
            let child = ConfigNode(node: v, path: path.isEmpty ? key : path + "." + key, file: file, problems: problems, keyMark: k.mark)
            problems.noteLine(k.mark?.line, of: child.path)
            guard allowed.contains(key) else {
                let nearest = Suggestion.nearest(to: key, among: allowed)
                let problem = ConfigError(file: file, line: k.mark?.line, column: k.mark?.column, key: child.path,
                                          message: unknown, suggestion: nearest)
                if let nearest { misspelt[nearest] = problem }
                problems.record(problem)
                continue
            }
            guard out[key] == nil else {
                problems.record(child.error("duplicate key", at: k.mark))
                continue
            }
            out[key] = child
        }
        for key in required where out[key] == nil {
            // A misspelt key already said what is missing.
            throw misspelt[key] ?? error("missing required key '\(key)'")
        }
        return out
    }

    func sequence() throws(ConfigError) -> [ConfigNode] {
        guard let s = node.sequence else { throw error("expected a list") }
        return s.enumerated().map { derived($0.element, path: path + "[\($0.offset)]") }
    }

    func string() throws(ConfigError) -> String {
        guard case .scalar(let s) = node else { throw error("expected text") }
        return s.string
    }

    func bool() throws(ConfigError) -> Bool {
        guard let b = node.bool else { throw error("expected true or false, got '\(node.string ?? "?")'") }
        return b
    }

    func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let i = node.string.flatMap(Self.wholeNumber) else { throw error("expected a whole number, got '\(node.string ?? "?")'") }
        guard range.contains(i) else { throw error("\(i) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return i
    }

    func number(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard let d = node.string.flatMap(Self.wholeNumber).map(Double.init) ?? node.float else {
            throw error("expected a number, got '\(node.string ?? "?")'")
        }
        guard range.contains(d) else { throw error("\(d) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return d
    }

    /// A whole number as a config writes one: decimal with an optional sign and `_` between
    /// digits, or `0x`/`0o`; nil for anything else, a number too large included. Not Yams'
    /// `int`: its YAML 1.1 base-60 form ("1:30") multiplies without overflow checks and trapped
    /// on `+444444444444444444:1` (found by fuzzing the config parser).
    static func wholeNumber(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        if digits.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0o") { radix = 8; digits = digits.dropFirst(2) }
        guard let first = digits.first, first.isHexDigit, digits.last != "_" else { return nil }
        guard let magnitude = Int(digits.filter { $0 != "_" }, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `500ms`, `2s`, `1.5m`, `1h`, or a bare number of seconds; within `range` seconds.
    func duration(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        let text = try string().trimmedSpaces
        guard let seconds = ConfigUnits.seconds(text) else {
            throw error("'\(text)' is not a duration (use e.g. 500ms, 2s, 1m, 1h)")
        }
        guard range.contains(seconds) else {
            throw error("\(text) is out of range \(ConfigUnits.describe(range.lowerBound))...\(ConfigUnits.describe(range.upperBound))")
        }
        return seconds
    }

    /// `16MiB`, `512KiB`, `1MB`, or a number of bytes.
    func byteSize(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try string().trimmedSpaces
        guard let bytes = ConfigUnits.bytes(text) else { throw error("'\(text)' is not a size (use e.g. 16MiB, 512KiB, 1000000)") }
        guard range.contains(bytes) else { throw error("\(text) is out of range \(range.lowerBound)...\(range.upperBound) bytes") }
        return bytes
    }
}
