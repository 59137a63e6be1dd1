import ArgumentParser
import Foundation

/// `chutetop init` with no fleet given, on a terminal: asks which kind and its URLs, one
/// question a line (an empty answer takes the default shown in brackets).
enum InitQuestions {
    static func ask(alertmanager given: String?) throws -> (StartingConfig.Source, String?) {
        print("""
            Which fleet should chutetop watch?
              1  the built-in simulated fleet (try it out)
              2  Prometheus that scrapes your chutes
              3  your chutes' instances or control API, read directly
              4  the Chutes platform (an API key)
            """)
        switch answer("Choice", default: "1") {
        case "1":
            return (.demo, given)
        case "2":
            let url = try url("Prometheus URL", default: "http://localhost:9090")
            let alertmanager = given ?? optionalURL("Alertmanager URL (empty for none)")
            return (.prometheus(url: url), alertmanager)
        case "3":
            let api = optionalURL("Control API URL (empty to list instances instead)")
            var instances: [String] = []
            if api == nil {
                while let next = optionalURL(instances.isEmpty ? "An instance's base URL" : "Another instance's URL (empty when done)") {
                    instances.append(next)
                }
                guard !instances.isEmpty else { throw ValidationError("a direct source needs a control API or an instance URL") }
            }
            let chute = instances.isEmpty ? nil : answer("The chute's name", default: StartingConfig.chuteName(from: instances[0]))
            return (.direct(chute: chute, instances: instances, controlAPI: api), given)
        case "4":
            let keyEnv = answer("Variable holding the API key", default: "CHUTES_API_KEY")
            return (.chutes(url: "https://api.chutes.ai", key: .environment(keyEnv)), given)
        case let other:
            throw ValidationError("'\(other)' is not 1, 2, 3 or 4")
        }
    }

    private static func answer(_ question: String, default fallback: String) -> String {
        print("\(question) [\(fallback)]: ", terminator: "")
        let line = (readLine() ?? "").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? fallback : line
    }

    private static func optionalURL(_ question: String) -> String? {
        print("\(question): ", terminator: "")
        let line = (readLine() ?? "").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? nil : line
    }

    private static func url(_ question: String, default fallback: String) throws -> String {
        let text = answer(question, default: fallback)
        guard InitCommand.isURL(text) else { throw ValidationError("'\(text)' is not an http:// or https:// URL") }
        return text
    }
}
