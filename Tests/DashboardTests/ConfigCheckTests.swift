import Foundation
import TestLanes
import Testing
@testable import Dashboard

/// `ConfigParser.check`: every problem of a file, each at file:line:key, not the first only;
/// what could be read is still read; `parse` throws the first in the file's order.
@Suite(.lane(.compute)) struct ConfigCheckTests {
    /// Fixtures/config/three-mistakes.yaml (the end-to-end test of `config check` reads it too).
    static let threeMistakes: String = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/config/three-mistakes.yaml").path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    @Test func threeMistakesAreReportedEachAtItsLineAndKey() throws {
        let checked = ConfigParser.check(Self.threeMistakes, file: "three.yaml")
        #expect(checked.problems.map(\.description) == [
            "three.yaml:3:39: contexts[0].source.chutes: 12 is out of range 1...10",
            "three.yaml:4:20: contexts[0].poll.health: an interval must be at least 100ms (or 0 for off)",
            "three.yaml:6:5: contexts[1].sourc: unknown key (did you mean 'source'?)",
        ])
        // The contexts without a problem in their source are still read, in order.
        #expect(checked.config?.contexts.map(\.name) == ["c"])
        #expect(checked.contextPaths == ["contexts[2]"])
        #expect(checked.lines["contexts[2].source"] == 8)
        // parse: the first of them.
        #expect(throws: ConfigError.self) { try ConfigParser.parse(Self.threeMistakes, file: "three.yaml") }
        do { _ = try ConfigParser.parse(Self.threeMistakes, file: "three.yaml") } catch {
            #expect(error.line == 3 && error.key == "contexts[0].source.chutes")
        }
    }

    @Test func keysAfterAProblemAreStillRead() {
        let checked = ConfigParser.check("""
            readOnly: maybe
            mouse: false
            contexts:
              - name: a
                source: {kind: simulator}
                theme: light
                production: sometimes
                protected: true
            """, file: "t.yaml")
        #expect(checked.problems.map { "\($0.line ?? 0) \($0.key ?? "")" } == ["1 readOnly", "7 contexts[0].production"])
        let c = checked.config?.contexts.first
        #expect(c?.theme == "light" && c?.protected == true)
        #expect(checked.config?.mouse == false)
    }

    @Test func unknownKeysAreSkippedAndReportedWithTheRest() {
        let checked = ConfigParser.check("""
            contexts:
              - name: a
                colour: red
                source: {kind: simulator, sed: 3}
                poll: {metrics: soon}
            """, file: "t.yaml")
        #expect(checked.problems.map { "\($0.line ?? 0) \($0.key ?? "") \($0.suggestion ?? "")" }
                == ["3 contexts[0].colour ", "4 contexts[0].source.sed seed", "5 contexts[0].poll.metrics "])
    }

    @Test func aGoodFileHasNoProblems() throws {
        let checked = ConfigParser.check("contexts:\n  - name: a\n    source: {kind: simulator}\n", file: "t.yaml")
        #expect(checked.problems.isEmpty)
        #expect(checked.config?.mouse == true)
        #expect(checked.problem(at: "contexts[0].source", "x").line == 3)
    }

    @Test func notYAMLIsOneProblemWithItsPlace() {
        let checked = ConfigParser.check("contexts: [a\n", file: "bad.yaml")
        #expect(checked.config == nil)
        #expect(checked.problems.count == 1 && checked.problems[0].description.hasPrefix("bad.yaml:"))
    }
}
