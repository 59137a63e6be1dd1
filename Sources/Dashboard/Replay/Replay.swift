import FleetEngine
import Monitoring
import SessionRecording
import TerminalUI

/// The replay's `update`: its own keys first (play, speed, step, events, seek), the
/// dashboard's for the rest; whatever the dashboard would ask of a live fleet (polls, logs, raw
/// pages, actions, the audit log) is refused here, with what a recording holds instead.
public enum Replay {
    public typealias Effect = ProgramEffect<DashboardCommand>

    /// Seconds between moves while playing (the screen's refresh).
    public static let wakeInterval = 0.25
    public static let readOnlyNote = "replay: actions, acknowledgements and snoozes are disabled (this is a recording, not the fleet)"

    /// The keys and what they do, for the help line under the position bar and the README.
    public static let keys: [(keys: String, action: String)] = [
        ("space", "pause / play"), ("+ -", "speed ¼×-16×"), (". ,", "step to the next / previous judgement"),
        ("] [", "next / previous event"), ("} {", "forward / back 1 minute"), ("0", "rewind to the start"),
        ("@", "seek to a time (03:12:30 UTC, +5m from the start, epoch seconds or RFC 3339)"),
    ]

    public static let start: [Effect] = [.perform(.wake(after: 0))]

    public static func update(_ s: inout ReplayState, _ event: ProgramEvent<DashboardMessage>) -> [Effect] {
        switch event {
        case .delivered(.woke(let now)):
            s.wakePending = false
            guard s.playing else { s.lastWake = nil; return [] }
            let elapsed = s.lastWake.map { max(0, now - $0) } ?? 0
            s.lastWake = now
            let target = s.position + elapsed * s.speed
            move(&s, byKey: false) { tape, watch throws(RecordingError) in try tape.seek(&watch, to: target); return nil }
            if s.position >= s.recording.end {
                s.playing = false
                s.dashboard.message = "end of the recording (paused)"
            }
            return wake(&s)
        case .delivered:
            return []
        case .keyPressed(let key):
            if s.seekInput != nil { return seekKey(&s, key) }
            if s.dashboard.overlay == nil, let effects = replayKey(&s, key) { return effects }
            return passed(&s, FleetDashboard.update(&s.dashboard, event))
        case .resized, .pointer:
            return passed(&s, FleetDashboard.update(&s.dashboard, event))
        }
    }

    /// A replay key (nil: the dashboard's).
    private static func replayKey(_ s: inout ReplayState, _ key: Key) -> [Effect]? {
        switch key {
        case .character(" "):
            s.playing.toggle()
            s.lastWake = nil
            if s.playing && s.position >= s.recording.end {
                move(&s) { tape, watch throws(RecordingError) in try tape.seek(&watch, to: tape.recording.start); return nil }
            }
            s.dashboard.message = s.playing ? "playing at \(speedText(s.speed))" : "paused"
            s.dashboard.revision += 1
            return wake(&s)
        case .character("+"), .character("="), .character("-"):
            s.speedIndex = min(ReplayState.speeds.count - 1, max(0, s.speedIndex + (key == .character("-") ? -1 : 1)))
            s.dashboard.message = "speed \(speedText(s.speed))"
            s.dashboard.revision += 1
            return []
        case .character("."):
            pause(&s)
            move(&s) { tape, watch throws(RecordingError) in try tape.stepForward(&watch) ? nil : "end of the recording" }
            return []
        case .character(","):
            pause(&s)
            move(&s) { tape, watch throws(RecordingError) in try tape.stepBack(&watch); return nil }
            return []
        case .character("]"):
            move(&s) { tape, watch throws(RecordingError) in try tape.nextEvent(&watch) ? nil : "no event after this point" }
            return []
        case .character("["):
            move(&s) { tape, watch throws(RecordingError) in try tape.previousEvent(&watch) ? nil : "no event before this point" }
            return []
        case .character("}"), .character("{"):
            let delta = key == .character("}") ? ReplayState.jumpSeconds : -ReplayState.jumpSeconds
            move(&s) { tape, watch throws(RecordingError) in try tape.seek(&watch, to: tape.position + delta); return nil }
            return []
        case .character("0"):
            move(&s) { tape, watch throws(RecordingError) in try tape.seek(&watch, to: tape.recording.start); return nil }
            return []
        case .character("@"):
            s.seekInput = TextInput(prompt: "seek to (03:12:30 UTC, +5m, epoch seconds or RFC 3339): ")
            s.dashboard.revision += 1
            return []
        default:
            guard let action = s.dashboard.keyMap.action(for: key, in: s.dashboard.page.scope) else { return nil }
            switch action {
            case .actions, .acknowledge, .snooze:
                s.dashboard.message = readOnlyNote
                s.dashboard.revision += 1
                return []
            default:
                return nil
            }
        }
    }

    private static func seekKey(_ s: inout ReplayState, _ key: Key) -> [Effect] {
        guard var input = s.seekInput else { return [] }
        s.dashboard.revision += 1
        switch input.handle(key) {
        case .editing: s.seekInput = input
        case .cancelled: s.seekInput = nil
        case .submitted(let text):
            s.seekInput = nil
            guard let time = RecordingTime.parse(text, start: s.recording.start) else {
                s.dashboard.message = "not a time: \(text) (03:12:30 UTC, +5m, epoch seconds or RFC 3339)"
                return []
            }
            pause(&s)
            seek(&s, to: time)
        }
        return []
    }

    static func seek(_ s: inout ReplayState, to time: Double) {
        move(&s) { tape, watch throws(RecordingError) in try tape.seek(&watch, to: time); return nil }
        if time < s.recording.start || time > s.recording.end {
            s.dashboard.message = "the recording covers \(RecordingTime.clock(s.recording.start))-\(RecordingTime.clock(s.recording.end)) UTC: at its "
                + (time < s.recording.start ? "start" : "end")
        }
    }

    /// Moves the tape (and the dashboard's engine with it) and shows what `body` says, if
    /// anything; a frame that cannot be read stops the replay there, said on screen.
    /// Moves the tape; `byKey`: a key moved it, and what the status line said before (the end
    /// of the recording, a speed) is replaced by what this move says, or cleared.
    private static func move(_ s: inout ReplayState, byKey: Bool = true,
                             _ body: (inout ReplayTape, inout FleetWatchState) throws(RecordingError) -> String?) {
        guard s.problem == nil else {
            s.playing = false
            s.dashboard.message = s.problem ?? ""
            return
        }
        do {
            if let said = try body(&s.tape, &s.dashboard.watch) {
                s.dashboard.message = said
            } else if byKey {
                s.dashboard.message = ""
            }
        } catch {
            s.problem = "the recording cannot be read further: \(error)"
            s.playing = false
            s.dashboard.message = s.problem ?? ""
        }
        s.dashboard.now = s.tape.position
        // The incidents as of the position (the journal only grows as events arrive; a move
        // back would otherwise show an incident started later as open).
        s.dashboard.journal.incidents = Incident.all(in: s.dashboard.watch.timeline.events)
        s.dashboard.journal.persisted = s.dashboard.watch.timeline.recorded
        s.dashboard.refresh()
        s.dashboard.revision += 1
    }

    private static func pause(_ s: inout ReplayState) {
        s.playing = false
        s.lastWake = nil
    }

    private static func wake(_ s: inout ReplayState) -> [Effect] {
        guard s.playing, !s.wakePending else { return [] }
        s.wakePending = true
        return [.perform(.wake(after: s.lastWake == nil ? 0 : wakeInterval))]
    }

    /// The dashboard's effects, less what needs the live fleet.
    private static func passed(_ s: inout ReplayState, _ effects: [Effect]) -> [Effect] {
        effects.filter { effect in
            guard case .perform(let command) = effect else { return true }
            switch command {
            case .followLogs:
                s.dashboard.logs.problems.append("logs are not part of a recording (it holds what the engine received: listings, readings, the clock)")
            case .fetchRawMetrics(let key, _):
                s.dashboard.rawMetrics[key] = .failure(RawMetricsFailure("raw metrics pages are not part of a recording (it holds each page as read: the instance view's figures)"))
            case .runAction, .loadAudit, .exportIncident:
                s.dashboard.message = readOnlyNote
            case .persistTimeline:
                break  // a replay is not the live fleet: the context's timeline is not written
            case .watch, .wake, .stopLogs:
                break
            }
            return false
        }
    }

    public static func speedText(_ speed: Double) -> String {
        speed == 0.25 ? "¼×" : speed == 0.5 ? "½×" : "\(Int(speed))×"
    }
}

extension ReplayState {
    /// The nearest speed of `speeds` at or below `speed`.
    public mutating func setSpeed(_ speed: Double) {
        speedIndex = ReplayState.speeds.lastIndex { $0 <= speed } ?? 0
    }

    /// Moves to `time` (as the `@` prompt does).
    public mutating func seek(to time: Double) {
        Replay.seek(&self, to: time)
    }
}
