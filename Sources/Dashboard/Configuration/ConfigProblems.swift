/// Every problem found in one configuration file, so `config check` can name all of them, not
/// the first only. Parsing records a problem where it can carry on (an unknown or duplicate
/// key is skipped; a context, a key's value, a rule or a runbook that does not parse is left
/// out) and throws only where nothing around it can be read. Also remembers the line of every
/// key, so a problem found after parsing (a credential that does not resolve) can be placed.
final class ConfigProblems {
    private(set) var errors: [ConfigError] = []
    private(set) var lines: [String: Int] = [:]

    func record(_ error: ConfigError) {
        guard !errors.contains(error) else { return }
        errors.append(error)
    }

    func noteLine(_ line: Int?, of path: String) {
        if let line, lines[path] == nil { lines[path] = line }
    }

    /// In the order of the file (problems without a line last, as found).
    var inFileOrder: [ConfigError] {
        errors.enumerated().sorted { a, b in
            let (la, lb) = (a.element.line ?? .max, b.element.line ?? .max)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }
}

/// What checking a configuration found: what could be read, and every problem.
public struct ConfigCheck: Sendable {
    /// The configuration as read, without the parts that had problems; nil when nothing
    /// around them could be read (not YAML, no `contexts`).
    public var config: ChutetopConfig?
    /// Every problem, in the order of the file.
    public var problems: [ConfigError]
    /// Per context of `config`, the key path it was read from (`contexts[2]`).
    public var contextPaths: [String]
    /// The line of each key path read (`contexts[0].source.auth` → 7).
    public var lines: [String: Int]

    public init(config: ChutetopConfig?, problems: [ConfigError], contextPaths: [String] = [], lines: [String: Int] = [:]) {
        self.config = config
        self.problems = problems
        self.contextPaths = contextPaths
        self.lines = lines
    }

    /// A problem found after parsing, placed at the key it is about.
    public func problem(at path: String, _ message: String) -> ConfigError {
        ConfigError(file: config?.file, line: lines[path], key: path, message: message)
    }
}
