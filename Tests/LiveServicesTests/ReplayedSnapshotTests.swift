import FleetEngine
import Monitoring
import SessionRecording
import TestLanes
import TestSupport
import Testing
@testable import LiveServices

/// `snapshot --replay` on a recording polled at the default pace (health 2 s, metrics 5 s):
/// whatever second it is asked for, a healthy fleet reads healthy, every figure as fresh as a
/// live snapshot's (a replayed snapshot once judged health read before T with a scrape that
/// came seconds after it, and raised stale-data and ready-below-min on healthy chutes).
@Suite(.lane(.compute)) struct ReplayedSnapshotTests {
    @Test func aHealthyFleetReadsHealthyAtEverySecond() throws {
        let messages = SyntheticSession.messages(seconds: 120, breakerOpensAt: 5000)
        let recording = try SessionRecording(bytes: SyntheticSession.recording(messages).bytes)
        for at in stride(from: 1030.0, through: 1110, by: 1) {
            let s = try FleetSnapshotter.replayed(recording, at: at, window: 10)
            let firing = s.alerts.filter { $0.state == .firing }.map(\.id)
            #expect(firing.isEmpty, "at \(at): \(firing)")
            let llm = try #require(s.picture.chutes.first)
            #expect(llm.instances.allSatisfy { !$0.health.stale && !$0.metrics.stale && $0.health.status == .pass }, "at \(at)")
            #expect(s.picture.time >= at && s.picture.time <= at + 5, "judged when the second round answered: \(s.picture.time)")
        }
    }
}
