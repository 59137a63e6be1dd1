import FleetEngine
import Monitoring
import SessionRecording
import TerminalUI
import TestSupport
import TestLanes
import Testing
@testable import Dashboard

/// The replay's keys on the dashboard's state: play and pause, speed, steps, seeks, and
/// everything the live fleet would be asked for refused with what a recording holds instead.
@Suite(.lane(.compute)) struct ReplayTests {
    let messages = SyntheticSession.messages(seconds: 300, breakerOpensAt: 1200)

    func replay(playing: Bool = false) throws -> ReplayState {
        let recording = try SessionRecording(bytes: SyntheticSession.recording(messages).bytes)
        let dashboard = FleetDashboardState(context: .init(name: "test (replay)", source: "direct", readOnly: true, production: false),
                                            watch: SyntheticSession.setup.makeState(), keyMap: try KeyMap(), now: recording.start)
        return ReplayState(recording: recording, dashboard: dashboard, playing: playing)
    }

    func key(_ s: inout ReplayState, _ k: Key) -> [Replay.Effect] { Replay.update(&s, .keyPressed(k)) }

    @Test func playingMovesWithTheWallClockAtItsSpeed() throws {
        var s = try replay(playing: true)
        #expect(Replay.update(&s, .delivered(.woke(now: 50_000))).count == 1, "asks for the next wake")
        #expect(s.position == 1000)
        _ = Replay.update(&s, .delivered(.woke(now: 50_010)))
        #expect(s.position == 1010, "10 s at 1×")
        _ = key(&s, .character("+"))
        _ = key(&s, .character("+"))
        #expect(s.speed == 4)
        _ = Replay.update(&s, .delivered(.woke(now: 50_020)))
        #expect(s.position == 1050, "10 s at 4×")
        #expect(s.dashboard.now == 1050)
        #expect(s.dashboard.watch.picture.map { $0.time > 1045 && $0.time <= 1050 } == true, "the judgement of the last 5 s")
        _ = key(&s, .character(" "))
        #expect(!s.playing)
        #expect(Replay.update(&s, .delivered(.woke(now: 50_030))).isEmpty)
        #expect(s.position == 1050, "paused: nothing moves")
        for _ in 0..<10 { _ = key(&s, .character("-")) }
        #expect(s.speed == 0.25)
        for _ in 0..<10 { _ = key(&s, .character("+")) }
        #expect(s.speed == 16)
    }

    /// The incidents shown are those of the position (an incident started later is not open
    /// before it), and notes and incidents are refused in a replay, not accepted and dropped.
    @Test func incidentsAreAsOfThePositionAndNotesAreRefused() throws {
        var withIncident = messages
        let at = withIncident.firstIndex { $0.time >= 1100 } ?? 0
        withIncident.insert(.noted(FleetEvent(time: 1100, chute: "", kind: .incidentStarted(id: "20251130-0018", title: "db down"))), at: at)
        let recording = try SessionRecording(bytes: SyntheticSession.recording(withIncident).bytes)
        let dashboard = FleetDashboardState(context: .init(name: "test (replay)", source: "direct", readOnly: true, production: false),
                                            watch: SyntheticSession.setup.makeState(), keyMap: try KeyMap(), now: recording.start)
        var s = ReplayState(recording: recording, dashboard: dashboard, playing: false)
        s.seek(to: 1150)
        #expect(s.dashboard.journal.openIncident?.title == "db down")
        s.seek(to: 1050)
        #expect(s.dashboard.journal.openIncident == nil, "before it started")
        _ = key(&s, .character("i"))
        #expect(s.dashboard.overlay == nil && s.dashboard.message == FleetDashboard.replayKeepsNothing)
        _ = FleetDashboard.incidentCommand("start another", &s.dashboard)
        #expect(s.dashboard.message == FleetDashboard.replayKeepsNothing)
        #expect(s.dashboard.journal.openIncident == nil)
    }

    /// What the status line said of one move does not outlive the next (a review found "end of
    /// the recording" still shown after rewinding, "playing at 1×" after a step paused it).
    @Test func eachMoveReplacesWhatTheLastOneSaid() throws {
        var s = try replay(playing: true)
        _ = key(&s, .character(" "))
        _ = key(&s, .character(" "))
        #expect(s.dashboard.message.hasPrefix("playing at"))
        _ = key(&s, .character("."))
        #expect(!s.playing && s.dashboard.message.isEmpty)
        s.seek(to: 99_999)
        _ = key(&s, .character("."))
        #expect(s.dashboard.message == "end of the recording")
        _ = key(&s, .character("0"))
        #expect(s.position == s.recording.start && s.dashboard.message.isEmpty)
    }

    /// Help in a replay lists the replay's keys first and none of what it refuses.
    @Test func helpListsTheReplaysKeysAndNotWhatItRefuses() throws {
        let s = try replay()
        let sections = CommandTable.help(for: s.dashboard.page, keyMap: s.dashboard.keyMap, replaying: s.dashboard.replaying)
        #expect(sections.first?.title == "Replay" && sections.first?.bindings.count == Replay.keys.count)
        let summaries = sections.dropFirst().flatMap(\.bindings).map(\.action)
        for refused: DashboardAction in [.actions, .acknowledge, .snooze, .note] {
            #expect(!summaries.contains(CommandTable.entry(for: refused).summary), "\(refused)")
        }
        #expect(CommandTable.help(for: .overview, keyMap: s.dashboard.keyMap).first?.title != "Replay", "live help unchanged")
    }

    @Test func stepsSeeksAndEventsMoveTheEngineShown() throws {
        var s = try replay()
        _ = key(&s, .character("@"))
        for c in "+2m" { _ = key(&s, .character(c)) }
        _ = key(&s, .enter)
        #expect(s.position == 1120)
        let judged = try #require(s.dashboard.watch.picture?.time)
        _ = key(&s, .character("."))
        #expect(s.dashboard.watch.picture?.time == judged + 5)
        _ = key(&s, .character(","))
        #expect(s.dashboard.watch.picture?.time == judged)
        _ = key(&s, .character("]"))
        #expect(s.dashboard.watch.timeline.events.contains { if case .breaker(_, _, .open) = $0.kind { true } else { false } })
        _ = key(&s, .character("0"))
        #expect(s.position == 1000 && s.dashboard.watch.picture == nil)
        _ = key(&s, .character("}"))
        #expect(s.position == 1060)
        _ = key(&s, .character("@"))
        for c in "soon" { _ = key(&s, .character(c)) }
        _ = key(&s, .enter)
        #expect(s.position == 1060 && s.dashboard.message.hasPrefix("not a time: soon"))
    }

    @Test func whatNeedsTheLiveFleetIsRefusedAndSaid() throws {
        var s = try replay()
        _ = key(&s, .character("}"))
        #expect(s.dashboard.context.readOnly && s.dashboard.actions.isEmpty)
        // Actions, acknowledging and snoozing: refused with the reason, the engine untouched.
        for (k, page) in [(Key.character("x"), "overview"), (.character("A"), "alerts"), (.character("a"), "alerts"), (.character("z"), "alerts")] {
            s.dashboard.message = ""
            #expect(key(&s, k).isEmpty, "\(k) on \(page)")
            if k != .character("A") { #expect(s.dashboard.message == Replay.readOnlyNote, "\(k)") }
        }
        #expect(s.dashboard.overlay == nil)
        _ = key(&s, .escape)
        // A chute's logs and an instance's raw page: not recorded, and the views say so.
        _ = key(&s, .enter)
        #expect(s.dashboard.page == .chute("llm"))
        #expect(key(&s, .character("l")).isEmpty)
        #expect(s.dashboard.logs.problems.last?.contains("logs are not part of a recording") == true)
        _ = key(&s, .escape)
        _ = key(&s, .enter)
        #expect(key(&s, .character("m")).isEmpty)
        guard case .failure(let failure)? = s.dashboard.rawMetrics[InstanceKey(chute: "llm", instance: "a")] else {
            Issue.record("no raw metrics answer: \(s.dashboard.rawMetrics)")
            return
        }
        #expect(failure.description.contains("not part of a recording"))
        #expect(key(&s, .character("q")).contains { if case .quit = $0 { true } else { false } })
    }
}
