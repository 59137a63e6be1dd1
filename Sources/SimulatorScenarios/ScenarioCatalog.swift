import BuiltinScenarios
import Foundation

/// Built-in scenarios by name, or a scenario file by path.
public enum ScenarioCatalog {
    public static var names: [String] { BuiltinScenarioFiles.all.map(\.name) }

    /// The scenario called `nameOrPath` (built-in first), or an error naming the problem.
    public static func load(_ nameOrPath: String) throws -> Scenario {
        if let builtin = BuiltinScenarioFiles.all.first(where: { $0.name == nameOrPath }) {
            return try ScenarioParser.parse(builtin.text, file: "built-in:\(builtin.name).scenario")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw ScenarioError(file: nameOrPath, line: 0,
                                message: "no such scenario (built-in: \(names.joined(separator: ", ")); or give a file path)")
        }
        return try ScenarioParser.parse(String(decoding: data, as: UTF8.self), file: nameOrPath)
    }
}
