import Foundation
import Synchronization

/// When each target was last scraped and the longest wait between two scrapes of one target
/// since the last reset: a soak's missed poll rounds, seen from the targets' side. A wait over
/// `missedAfter` seconds is a missed round (at a 1 s interval, 2 s means a round skipped).
final class ScrapeGaps: Sendable {
    private struct State {
        var last: [Double]
        var since: Double
        var scrapes = 0
        var longest = 0.0
        var missed = 0
    }

    private let state: Mutex<State>
    let missedAfter: Double

    init(count: Int, missedAfter: Double = 2) {
        state = Mutex(State(last: Array(repeating: 0, count: count + 1), since: Date().timeIntervalSince1970))
        self.missedAfter = missedAfter
    }

    func scraped(_ n: Int) {
        let now = Date().timeIntervalSince1970
        state.withLock { s in
            s.scrapes += 1
            if s.last[n] >= s.since {
                let gap = now - s.last[n]
                s.longest = max(s.longest, gap)
                if gap > missedAfter { s.missed += 1 }
            }
            s.last[n] = now
        }
    }

    /// Forgets the waits so far (the end of a warm-up); the next scrape of each target starts
    /// its count.
    func reset() {
        let now = Date().timeIntervalSince1970
        state.withLock { s in
            s.since = now
            s.scrapes = 0
            s.longest = 0
            s.missed = 0
        }
    }

    /// Since the reset: scrapes, the longest wait (a target still waiting counts with its wait
    /// so far, one never scraped since with the whole span) and the missed rounds.
    var json: String {
        let now = Date().timeIntervalSince1970
        return state.withLock { s in
            var longest = s.longest
            var waiting = 0
            for n in 1..<s.last.count {
                let wait = now - max(s.last[n], s.since)
                longest = max(longest, wait)
                if wait > missedAfter { waiting += 1 }
            }
            return #"{"seconds":\#(now - s.since),"scrapes":\#(s.scrapes),"longestWait":\#(longest),"missedRounds":\#(s.missed),"targetsWaitingNow":\#(waiting)}"#
        }
    }
}
