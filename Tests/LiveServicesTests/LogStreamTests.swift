import Dashboard
import Monitoring
import TestLanes
import Testing
@testable import LiveServices

/// An instance's log stream through the direct source: backfill first, then new lines as the
/// simulator writes them, decoded and sanitised.
@Suite(.lane(.live)) struct LogStreamTests {
    @Test func backfillThenFollow() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let inventory = await fleet.source.inventory()
        let key = InstanceKey(chute: "bge-m3", instance: "i-1")
        var entries: [LogEntry] = []
        // A stream that fails is this test's failure, not a crash of every suite: the fleet
        // (and its fetcher) is stopped either way.
        do {
            for try await entry in fleet.source.logs(of: key, in: inventory, backfill: 5) {
                entries.append(entry)
                if entries.count == 8 { break }  // 5 backfilled, then 3 new ones (2 lines/s)
            }
        } catch {
            Issue.record("the stream failed: \(error)")
        }
        #expect(entries.count == 8)
        #expect(entries.allSatisfy { $0.time != nil && !$0.message.isEmpty })
        #expect(entries.map { $0.time! } == entries.map { $0.time! }.sorted())
        await fleet.stop()
    }
}
