import Dashboard
import Monitoring
import TestLanes
import Testing
@testable import DashboardRuntime

/// While the loop is held up (a terminal stopped with ctrl-S), log batches merge in the inbox
/// instead of piling up: what waits stays one view's worth of lines, the newest, and the rest
/// is counted as dropped.
@Suite(.lane(.compute)) struct InboxCoalescingTests {
    func batch(stream: Int, from: Int, count: Int, dropped: Int = 0) -> DashboardMessage {
        .logLines(stream: stream, (from..<from + count).map { LogArrival(instance: "i-1", entry: LogEntry(message: "line \($0)")) }, dropped: dropped)
    }

    @Test func logBatchesOfAStreamMergeWhileTheLoopIsHeldUp() {
        let inbox = RuntimeInbox<DashboardMessage>(coalesce: DashboardMessage.coalesce)
        for k in 0..<50 { inbox.post(batch(stream: 1, from: k * 1000, count: 1000, dropped: 1)) }
        inbox.post(.logProblem(stream: 1, instance: "i-2", message: "connection refused"))
        inbox.post(batch(stream: 2, from: 0, count: 10))
        let items = inbox.drain()
        #expect(items.count == 3)
        guard case .message(.logLines(1, let lines, let dropped)) = items.first else { Issue.record("\(items)"); return }
        #expect(lines.count == LogBuffer.defaultCapacity)
        #expect(lines.first?.entry.message == "line 40000" && lines.last?.entry.message == "line 49999")
        #expect(dropped == 40_000 + 50, "every line not kept is counted")
        guard case .message(.logProblem) = items[1], case .message(.logLines(2, let other, 0)) = items[2] else { Issue.record("\(items)"); return }
        #expect(other.count == 10, "another stream is not merged")
    }

    @Test func aBatchAfterTheLoopDrainedIsQueuedAnew() {
        let inbox = RuntimeInbox<DashboardMessage>(coalesce: DashboardMessage.coalesce)
        inbox.post(batch(stream: 1, from: 0, count: 5))
        #expect(inbox.drain().count == 1)
        inbox.post(batch(stream: 1, from: 5, count: 5))
        guard case .message(.logLines(1, let lines, 0)) = inbox.drain().first else { Issue.record("nothing queued"); return }
        #expect(lines.map(\.entry.message) == (5..<10).map { "line \($0)" })
    }
}
