import Dashboard
import Foundation
import Monitoring
import TestLanes
import Testing

/// Runbook files: the shipped examples parse; every mistake names the file, line and key.
@Suite(.lane(.compute)) struct RunbookParserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/runbooks")

    @Test func theExamplesParse() throws {
        for name in ["kubernetes.yaml", "chutes-platform.yaml"] {
            let path = Self.fixtures.appendingPathComponent(name).path
            let runbooks = try RunbookParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
            #expect(!runbooks.isEmpty)
        }
        let k8s = try RunbookParser.parse(try String(contentsOfFile: Self.fixtures.appendingPathComponent("kubernetes.yaml").path, encoding: .utf8), file: "k.yaml")
        #expect(k8s[0].steps == [.command(argv: ["kubectl", "--namespace", "chutes", "scale", "deployment/{{chute}}", "--replicas={{inputs.replicas}}"])])
    }

    @Test(arguments: [
        ("runbooks:\n  - name: a\n    scope: chute\n    stepz: []\n", "r.yaml:4:5: runbooks[0].stepz: unknown key (did you mean 'steps'?)"),
        ("runbooks:\n  - name: a\n    scope: cluster\n    steps: [{command: [x]}]\n", "r.yaml:3:12: runbooks[0].scope: scope is chute or instance"),
        ("runbooks:\n  - name: a\n    scope: chute\n    steps:\n      - command: [echo, \"{{inputs.n}}\"]\n", "r.yaml:5:25: runbooks[0].steps[0].command[1]: unknown placeholder {{inputs.n}}"),
        ("runbooks:\n  - name: a\n    scope: chute\n    steps:\n      - command: [echo, \"{{instance}}\"]\n", "r.yaml:5:25: runbooks[0].steps[0].command[1]: {{instance}} needs scope: instance"),
        ("runbooks:\n  - name: scale\n    scope: chute\n    steps: [{command: [x]}]\n", "r.yaml:2:5: runbooks[0]: 'scale' is a built-in action"),
        ("runbooks:\n  - name: a\n    scope: chute\n    inputs:\n      - {name: n, type: integer, min: 5, default: 2}\n    steps: [{command: [x]}]\n", "r.yaml:5:51: runbooks[0].inputs[0].default: the default is refused: n: 2 is outside 5–1000000"),
        ("runbooks:\n  - name: a\n    scope: chute\n    confirm: false\n    steps: [{http: {url: \"ftp://x\"}}]\n", "r.yaml:5:26: runbooks[0].steps[0].http.url: the URL must start with http://, https:// or {{controlAPI}}"),
    ])
    func mistakesNameTheFileLineAndKey(yaml: String, expected: String) {
        #expect { try RunbookParser.parse(yaml, file: "r.yaml") } throws: { error in
            let text = "\(error)"
            if !text.hasPrefix(expected) { Issue.record("\(text)\n  expected: \(expected)") }
            return true
        }
    }

    @Test func templatesFillEscapeAndRedact() throws {
        let action = RunbookAction(name: "r", summary: "", scope: .instance,
                                   inputs: [ActionInput(name: "note", kind: .text(maxLength: 40))],
                                   steps: [.http(method: "POST", url: "{{controlAPI}}/chutes/{{chute}}/x", headers: [Label("X-Token", "{{env.TOKEN}}")],
                                                 body: "{\"note\": \"{{inputs.note}}\", \"i\": \"{{instance}}\"}")],
                                   dangerous: false)
        let p = try PreparedAction.prepare(action, target: .init(context: "c", chute: "a b", instance: "i-1"), inputs: ["note": "say \"hi\""],
                                           controlAPI: "http://h/api", environment: ["TOKEN": "s3cret"]).get()
        #expect(p.steps == [.http(method: "POST", url: "http://h/api/chutes/a%20b/x", headers: [Label("X-Token", "s3cret")],
                                  body: "{\"note\": \"say \\\"hi\\\"\", \"i\": \"i-1\"}")])
        guard case .http(_, _, let shownHeaders, _) = p.shown[0] else { return }
        #expect(shownHeaders == [Label("X-Token", "<redacted>")])
        #expect(throws: ActionProblem.self) {
            try PreparedAction.prepare(action, target: .init(context: "c", chute: "a", instance: "i-1"), inputs: ["note": "x"],
                                       controlAPI: "http://h", environment: [:]).get()
        }
    }

    /// A key that is a list or mapping is refused before the document is composed (see
    /// `ConfigParserTests.aKeyThatIsAListOrAMappingIsRefusedWithItsLine`); text that holds YAML's
    /// key indicator, in a block scalar, is a command like any other.
    @Test func aKeyThatIsAListIsRefusedButTextWithAQuestionMarkIsNot() throws {
        let problems = RunbookParser.problems("runbooks:\n  - ? [name]\n    : a\n", file: "r.yaml")
        #expect(problems.map(\.description) == ["r.yaml:2:7: runbooks[0]: a key must be text"], "\(problems)")
        let text = "runbooks:\n  - name: a\n    scope: chute\n    steps:\n      - command:\n          - sh\n          - |\n            ? [x]\n            : y\n"
        let runbooks = try RunbookParser.parse(text, file: "r.yaml")
        #expect(runbooks.first?.steps == [.command(argv: ["sh", "? [x]\n: y\n"])])
    }
}
