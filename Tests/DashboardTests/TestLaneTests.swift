import Foundation
import Synchronization
@testable import TestLanes
import TestSupport
import Testing

/// The lanes hold: every suite in the package names one (a suite without would start all its
/// tests at once beside everything else), and a gate lets in its width and queues the rest.
@Suite(.lane(.compute)) struct TestLaneTests {
    @Test func everySuiteNamesALane() throws {
        let tests = BuildProducts.packageRoot().appendingPathComponent("Tests")
        var unlaned: [String] = []
        let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.drop { $0 == " " } }
            let suites = lines.filter { $0.hasPrefix("@Suite") }
            let hasTests = lines.contains { $0.hasPrefix("@Test") }
            if suites.contains(where: { !$0.hasPrefix("@Suite(.lane(") }) || (hasTests && suites.isEmpty && !text.contains("extension ")) {
                unlaned.append(file.lastPathComponent)
            }
        }
        #expect(!files.isEmpty)
        #expect(unlaned.isEmpty, "suites without a lane: \(unlaned.sorted())")
    }

    @Test func aGateLetsInItsWidthAndHoldsTheNextUntilAPlaceIsLeft() async {
        let gate = LaneGate(width: 2)
        await gate.enter()
        await gate.enter()
        let third = Mutex(false)
        let waiting = Task {
            await gate.enter()
            third.withLock { $0 = true }
        }
        try? await Task.sleep(for: .milliseconds(100))
        #expect(!third.withLock { $0 }, "a full gate lets nobody in")
        gate.leave()
        await waiting.value
        #expect(third.withLock { $0 })
        gate.leave()
        gate.leave()
    }
}
