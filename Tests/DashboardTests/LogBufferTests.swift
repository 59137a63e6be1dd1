import Dashboard
import Monitoring
import TestLanes
import Testing

/// The logs view's ring read in place: after it wraps, lines come oldest first; a level filter
/// picks positions; the selection is found by sequence number.
@Suite(.lane(.compute)) struct LogBufferTests {
    func buffer() -> LogBuffer {
        var b = LogBuffer(capacity: 5)
        b.append((0..<8).map { (instance: "i-1", entry: LogEntry(level: $0 % 2 == 0 ? .error : .info, message: "line \($0)")) })
        return b
    }

    @Test func aWrappedRingReadsOldestFirst() {
        let b = buffer()
        #expect(b.rows.map(\.entry.message) == (3..<8).map { "line \($0)" })
        #expect(b.rows.map(\.sequence) == Array(3..<8))
        #expect(b.dropped == 3)
    }

    @Test func aLevelFilterPicksItsLinesInOrder() {
        var b = buffer()
        b.minimumLevel = .error
        #expect(b.shown.map(\.entry.message) == ["line 4", "line 6"])
    }

    @Test func theSelectionIsFoundBySequence() {
        var b = buffer()
        b.follow = false
        b.selected = 5
        #expect(b.selectedIndex(in: b.shown) == 2)
        b.minimumLevel = .error
        #expect(b.selectedIndex(in: b.shown) == 1, "the first shown line at or after the selected one")
        b.selected = 7
        #expect(b.selectedIndex(in: b.shown) == 1, "past the last: the last")
        b.move(by: -1)
        #expect(b.selected == 4)
    }
}
