import FleetEngine
import Monitoring
import TestSupport
import TestLanes
import Testing
@testable import SessionRecording

/// Moving an engine along a recording: wherever the tape stands, forward or back, through
/// checkpoints or from the start, the engine is the one fed every message up to that time.
@Suite(.lane(.compute)) struct ReplayTapeTests {
    let messages = SyntheticSession.messages(seconds: 400, breakerOpensAt: 1200)

    func tape(checkpointSeconds: Double = 30) throws -> ReplayTape {
        ReplayTape(try SessionRecording(bytes: SyntheticSession.recording(messages).bytes), checkpointSeconds: checkpointSeconds)
    }

    func expectSame(_ a: FleetWatchState, _ b: FleetWatchState, _ note: Comment) {
        #expect(a.picture == b.picture, note)
        #expect(a.alerts.sorted == b.alerts.sorted, note)
        #expect(Array(a.timeline.events) == Array(b.timeline.events), note)
    }

    @Test func seekingForwardAndBackLandsOnTheEngineFedUpToThatTime() throws {
        var t = try tape()
        var state = t.firstState
        for time in [1350.0, 1100.2, 1399.9, 1000.0, 1220.0, 1219.0, 1030.5] {
            try t.seek(&state, to: time)
            #expect(t.position == time)
            expectSame(state, SyntheticSession.state(after: messages, upTo: time), "at \(time)")
        }
        #expect(t.checkpointCount > 5, "checkpoints kept as the tape passed them")
    }

    @Test func stepsGoOneJudgementAtATime() throws {
        var t = try tape()
        var state = t.firstState
        try t.seek(&state, to: 1100)
        let before = try #require(state.picture?.time)
        #expect(try t.stepForward(&state))
        let after = try #require(state.picture?.time)
        #expect(after > before && after <= before + 5, "one judgement on (every 5 s)")
        expectSame(state, SyntheticSession.state(after: messages, upTo: t.position), "after a step")
        try t.stepBack(&state)
        #expect(state.picture?.time == before)
        #expect(t.position < after)
    }

    /// Judgements milliseconds apart (each target's first failure is judged at the next tick):
    /// a step passes over those closer than a tenth of a second, the bar's resolution, so every
    /// key moves the time shown.
    @Test func aStepMovesAtLeastATenthOfASecond() throws {
        let setup = SyntheticSession.setup(judgingEvery: 0.02)
        let close = SyntheticSession.messages(seconds: 10, setup: setup, tick: 0.01)
        var t = ReplayTape(try SessionRecording(bytes: SyntheticSession.recording(close, setup: setup).bytes))
        var state = t.firstState
        try t.seek(&state, to: 1005)
        var shown = [t.position]
        for _ in 0..<10 {
            #expect(try t.stepForward(&state))
            shown.append(t.position)
        }
        for (a, b) in zip(shown, shown.dropFirst()) { #expect(b - a >= ReplayTape.shortestStep - 1e-9 && b - a < 0.2, "\(shown)") }
        expectSame(state, SyntheticSession.state(after: close, upTo: t.position, setup: setup), "after ten steps")
        let last = try #require(state.picture?.time)
        try t.stepBack(&state)
        let back = try #require(state.picture?.time)
        #expect(last - back >= ReplayTape.shortestStep && last - back < 0.2, "\(last) → \(back)")
    }

    @Test func eventsAreFoundForwardAndBack() throws {
        var t = try tape()
        var state = t.firstState
        try t.seek(&state, to: 1150)
        let breakerOpen = { (s: FleetWatchState) in
            s.timeline.events.contains { if case .breaker(_, _, .open) = $0.kind { true } else { false } }
        }
        #expect(!breakerOpen(state))
        #expect(try t.nextEvent(&state))
        #expect(breakerOpen(state), "the next event after 1150 is the breaker opening at 1200: \(state.timeline.events.last.map { "\($0)" } ?? "")")
        #expect(t.position >= 1200 && t.position < 1210)
        let opened = t.position
        try t.seek(&state, to: 1300)
        #expect(try t.previousEvent(&state))
        #expect(t.position == opened)
        #expect(try !t.previousEvent(&state), "nothing happened before the breaker opened")
        #expect(t.position == opened)
        try t.stepBack(&state)
        #expect(!breakerOpen(state), "one judgement before, the breaker is closed")
    }

    @Test func theEndIsWhereTheLastMessageIs() throws {
        var t = try tape()
        var state = t.firstState
        try t.seek(&state, to: 99_999)
        #expect(t.position == t.recording.end)
        #expect(t.atEnd)
        #expect(try !t.stepForward(&state))
        expectSame(state, SyntheticSession.state(after: messages, upTo: .infinity), "at the end")
    }
}
