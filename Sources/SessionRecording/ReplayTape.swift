import FleetEngine

/// Moves an engine through a recording: the state at a time is the engine's first state fed
/// every message recorded at or before it. Going forward applies the next messages; going back
/// restarts from the latest checkpoint (a copy of the state at a frame's start, kept every
/// `checkpointSeconds` of recording as the tape first passes it) at or before the time.
public struct ReplayTape: Sendable {
    struct Checkpoint: Sendable {
        var frame: Int
        var state: FleetWatchState
    }

    public let recording: SessionRecording
    public let checkpointSeconds: Double
    /// The time the state stands at: every message at or before it is applied, none after.
    public private(set) var position: Double
    /// The next message to apply: `frame`'s message `index`.
    private var frame = 0, index = 0
    private var decoded: (frame: Int, messages: [RecordedMessage])?
    private var checkpoints: [Checkpoint]

    public init(_ recording: SessionRecording, checkpointSeconds: Double = 120) {
        self.recording = recording
        self.checkpointSeconds = checkpointSeconds
        position = recording.start
        checkpoints = [Checkpoint(frame: 0, state: recording.header.engine.makeState())]
    }

    /// The engine before any message.
    public var firstState: FleetWatchState { checkpoints[0].state }
    public var atEnd: Bool { frame >= recording.frames.count }
    /// Checkpoints held (the first state counts as one).
    public var checkpointCount: Int { checkpoints.count }

    /// Brings `state` (this tape's engine) to `time`, within the recording's span: from the
    /// latest checkpoint at or before it when that is back, or ahead of where the tape stands.
    public mutating func seek(_ state: inout FleetWatchState, to time: Double) throws(RecordingError) {
        let time = min(max(time, recording.start), recording.end)
        let frames = recording.frames
        let checkpoint = checkpoints.last { $0.frame == 0 || frames[$0.frame - 1].last <= time } ?? checkpoints[0]
        if time < position || checkpoint.frame > frame {
            state = checkpoint.state
            frame = checkpoint.frame
            index = 0
            position = checkpoint.frame == 0 ? recording.start : frames[checkpoint.frame - 1].last
        }
        while let next = try peek(), next.time <= time { try apply(&state) }
        position = time
    }

    /// The least a step moves (the replay bar shows tenths of a second): judgements closer
    /// together than that are passed over. A fleet whose targets start failing at once has each
    /// first failure judged at the next tick, milliseconds apart; a step to each would look to
    /// an operator like a key that did nothing.
    public static let shortestStep = 0.1

    /// Forward to the next judgement (a new picture) at least `shortestStep` after where the
    /// tape stands; false at the end of the recording.
    public mutating func stepForward(_ state: inout FleetWatchState) throws(RecordingError) -> Bool {
        let judged = state.picture?.time
        let from = max(position, judged ?? position)
        while try peek() != nil {
            let time = try apply(&state)
            if let now = state.picture?.time, now != judged, now >= from + Self.shortestStep {
                try seek(&state, to: time)
                return true
            }
        }
        position = recording.end
        return false
    }

    /// Back to the latest judgement at least `shortestStep` before the one on screen.
    public mutating func stepBack(_ state: inout FleetWatchState) throws(RecordingError) {
        try seek(&state, to: (state.picture?.time).map { ($0 - Self.shortestStep).nextDown } ?? recording.start)
    }

    /// Forward to the moment the next event was recorded; false when none follows.
    public mutating func nextEvent(_ state: inout FleetWatchState) throws(RecordingError) -> Bool {
        let last = state.timeline.events.last
        while try peek() != nil {
            let time = try apply(&state)
            if state.timeline.events.last != last {
                try seek(&state, to: time)
                return true
            }
        }
        position = recording.end
        return false
    }

    /// Back to the latest event before the position; false when none precedes it.
    public mutating func previousEvent(_ state: inout FleetWatchState) throws(RecordingError) -> Bool {
        guard let event = state.timeline.events.last(where: { $0.time < position }) else { return false }
        try seek(&state, to: event.time)
        return true
    }

    private mutating func peek() throws(RecordingError) -> RecordedMessage? {
        guard frame < recording.frames.count else { return nil }
        if decoded?.frame != frame { decoded = (frame, try recording.messages(inFrame: frame)) }
        return decoded?.messages[index]
    }

    @discardableResult
    private mutating func apply(_ state: inout FleetWatchState) throws(RecordingError) -> Double {
        guard let m = try peek() else { return position }
        _ = FleetWatch.update(&state, m.message)
        position = max(position, m.time)
        index += 1
        if index == recording.frames[frame].count {
            frame += 1
            index = 0
            if frame < recording.frames.count, let last = checkpoints.last, frame > last.frame,
               recording.frames[frame].first - recording.frames[last.frame].first >= checkpointSeconds {
                checkpoints.append(Checkpoint(frame: frame, state: state))
            }
        }
        return m.time
    }
}
