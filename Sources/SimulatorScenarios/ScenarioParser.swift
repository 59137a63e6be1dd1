import Monitoring

/// Parses scenario files: one event per line, `TIME TARGET ACTION [ARGUMENTS]`, `#` comments,
/// `name` and `description` lines. Errors name the file, the line and the action.
public enum ScenarioParser {
    public static let actions = ["bursts", "dependency-down", "dependency-up", "demand", "latency", "errors", "scale",
                                 "restart", "crash-loop", "bad-exporter", "slow-target", "dead-target", "log-rate", "warm"]

    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        var scenario = Scenario(name: file, description: "", events: [])
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            func fail(_ message: String) -> ScenarioError { ScenarioError(file: file, line: lineNumber, message: message) }
            if first == "name" || first == "description" {
                let value = line.drop { $0 == " " || $0 == "\t" }.dropFirst(first.count).drop { $0 == " " || $0 == "\t" }
                if first == "name" { scenario.name = String(value) } else { scenario.description = String(value) }
                continue
            }
            guard let at = duration(first) else { throw fail("'\(first)' is not a time (use 90s, 2m, 1h30m)") }
            guard words.count >= 3 else { throw fail("expected TIME TARGET ACTION [ARGUMENTS]") }
            let target: Scenario.Target = words[1] == "*" ? .everyChute : .chute(words[1])
            let name = words[2]
            let args = Array(words.dropFirst(3))
            func number(_ i: Int, _ what: String, range: ClosedRange<Double>) throws(ScenarioError) -> Double {
                guard i < args.count, let v = Double(args[i]), v.isFinite, range.contains(v) else {
                    throw fail("action '\(name)' needs \(what) in \(range.lowerBound)...\(range.upperBound)")
                }
                return v
            }
            func word(_ i: Int, _ what: String) throws(ScenarioError) -> String {
                guard i < args.count else { throw fail("action '\(name)' needs \(what)") }
                return args[i]
            }
            let action: Scenario.Action
            switch name {
            case "bursts":
                guard let on = ["on": true, "off": false][try word(0, "on or off")] else { throw fail("action 'bursts' takes on or off") }
                action = .bursts(on)
            case "dependency-down": action = .dependency(try word(0, "a dependency name"), down: true)
            case "dependency-up": action = .dependency(try word(0, "a dependency name"), down: false)
            case "demand": action = .demand(try number(0, "a factor", range: 0...100))
            case "latency": action = .latency(try number(0, "a factor", range: 0.01...100))
            case "errors": action = .errors(try number(0, "a ratio", range: 0...1))
            case "scale": action = .scale(Int(try number(0, "an instance count", range: 0...100)))
            case "restart": action = .restart
            case "crash-loop":
                action = .crashLoop(instance: try word(0, "an instance id"), every: try number(1, "seconds between crashes", range: 1...86_400))
            case "bad-exporter": action = .badExporter(instance: try word(0, "an instance id"))
            case "slow-target": action = .slowTarget(instance: try word(0, "an instance id"), seconds: try number(1, "seconds", range: 0...600))
            case "dead-target": action = .deadTarget(instance: try word(0, "an instance id"))
            case "log-rate": action = .logRate(try number(0, "lines per second", range: 0...100_000))
            case "warm": action = .warm
            default:
                let hint = Suggestion.nearest(to: name, among: actions).map { " (did you mean '\($0)'?)" } ?? ""
                throw fail("unknown action '\(name)'\(hint)")
            }
            scenario.events.append(.init(at: at, target: target, action: action, line: lineNumber))
        }
        scenario.events.sort { $0.at < $1.at }
        return scenario
    }

    /// `90s`, `2m`, `1h30m`, `0`.
    static func duration(_ text: String) -> Double? {
        text == "0" ? 0 : DurationText.seconds(text)
    }
}

/// A scenario file problem, naming the file and the line.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}
