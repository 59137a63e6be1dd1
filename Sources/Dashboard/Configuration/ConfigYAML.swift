import Yams

/// The YAML of a configuration or runbook file, composed into nodes, with every failure as a
/// `ConfigError` naming the file and, where the YAML library gives one, the line and column.
enum ConfigYAML {
    /// The document's root node; nil for an empty file. A key that is not text is refused
    /// before composing (`NonTextKeyScan`).
    static func compose(_ text: String, file: String?) throws(ConfigError) -> Node? {
        if let problem = NonTextKeyScan.firstProblem(in: text, file: file) { throw problem }
        do {
            return try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw configError(e, file: file)
        } catch {
            throw ConfigError(file: file, message: "not valid YAML: \(error)")
        }
    }

    private static func configError(_ e: YamlError, file: String?) -> ConfigError {
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
