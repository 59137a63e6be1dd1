import FleetEngine
import SessionRecording
import TerminalUI

/// `chutetop replay`: the dashboard on a recording. The dashboard's state is the live one's,
/// its engine moved along the recording by a `ReplayTape` instead of fed by a source; the
/// replay adds the position, playing or paused, the speed and the seek prompt.
public struct ReplayState: Sendable {
    /// ¼× to 16×.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    /// Seconds a `{`/`}` jump moves.
    public static let jumpSeconds = 60.0

    public var dashboard: FleetDashboardState
    public internal(set) var tape: ReplayTape
    public internal(set) var playing: Bool
    public internal(set) var speedIndex = 2
    /// The seek prompt (`@`), while open.
    public internal(set) var seekInput: TextInput?
    /// A frame of the recording that could not be read: replay stops before it.
    public internal(set) var problem: String?
    /// The wall clock at the last move while playing (nil: paused, or not yet woken).
    var lastWake: Double?
    var wakePending = false

    public var speed: Double { Self.speeds[speedIndex] }
    public var recording: SessionRecording { tape.recording }
    public var position: Double { tape.position }

    /// The dashboard on `recording` at its start, read-only (actions are refused with the reason).
    public init(recording: SessionRecording, dashboard: FleetDashboardState, playing: Bool = true) {
        tape = ReplayTape(recording)
        self.dashboard = dashboard
        self.playing = playing
        self.dashboard.watch = tape.firstState
        self.dashboard.context.readOnly = true
        self.dashboard.replaying = true
        self.dashboard.actions = []
        self.dashboard.contexts = []
        self.dashboard.engineJournal = nil
        self.dashboard.now = recording.start
        self.dashboard.message = Replay.readOnlyNote
        if let cut = recording.cut { self.dashboard.message = cut }
    }
}
