import Foundation
import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

/// The official OpenMetrics parser conformance suite (../shared/corpus/openmetrics-parser-tests):
/// in strict mode every case that should parse parses with no error, and every case that should
/// be rejected reports at least one.
@Suite(.lane(.compute), .enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not present"))
struct OpenMetricsConformanceTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var shouldParse: Bool
        var description: String { name }
    }

    static func cases() throws -> [Case] {
        let root = try SharedCorpus.url("openmetrics-parser-tests")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        return try names.map { name in
            let json = try Data(contentsOf: root.appendingPathComponent(name).appendingPathComponent("test.json"))
            let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            return Case(name: name, shouldParse: object?["shouldParse"] as? Bool ?? false)
        }
    }

    @Test func theSuiteHas211Cases() throws {
        let all = try Self.cases()
        #expect(all.count == 211)
        #expect(all.filter(\.shouldParse).count == 44)
    }

    @Test func everyCasePassesInStrictMode() throws {
        var wrong: [String] = []
        for c in try Self.cases() {
            let bytes = try SharedCorpus.bytes("openmetrics-parser-tests/\(c.name)/metrics")
            let page = ExpositionParser(options: .init(format: .openMetrics, strict: true)).parse(bytes)
            if c.shouldParse && !page.issues.isEmpty {
                wrong.append("\(c.name): should parse, got \(page.issues.map(\.description))")
            } else if !c.shouldParse && page.issues.isEmpty {
                wrong.append("\(c.name): should be rejected, parsed \(page.samples.count) samples")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of 211 wrong:\n\(wrong.joined(separator: "\n"))")
    }
}
