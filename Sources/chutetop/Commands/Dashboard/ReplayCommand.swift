import ArgumentParser
import Dashboard
import DashboardViews
import Foundation
import LiveServices
import SessionRecording
import TerminalUI

/// `chutetop replay FILE`: the dashboard on a recording made with `--record`.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "The dashboard on a recording (--record): play, pause, speed, step, seek, rewind.",
        discussion: """
            Every view works on what was recorded (listings, readings, the clock, acknowledgements); \
            logs and raw metrics pages are not recorded, and actions are disabled. Keys: \
            \(Replay.keys.map { "\($0.keys): \($0.action)" }.joined(separator: "; ")). A recording \
            cut off mid-write replays up to the cut; a file that is not a recording, or is \
            corrupt, is refused (exit 2).
            """
    )

    @Argument(help: ArgumentHelp("The recording.", valueName: "file"), completion: .file())
    var file: String

    @Option(help: ArgumentHelp("Start at this moment (03:12:30 UTC, +5m from the start, epoch seconds or RFC 3339) instead of the start.",
                               valueName: "time"))
    var at: String?

    @Option(help: "Playback speed: 0.25, 0.5, 1, 2, 4, 8 or 16.")
    var speed = 1.0

    @Flag(help: "Open paused.")
    var paused = false

    @OptionGroup var terminal: TerminalOptions

    func validate() throws {
        guard ReplayState.speeds.contains(speed) else { throw ValidationError("--speed must be one of 0.25, 0.5, 1, 2, 4, 8, 16") }
    }

    func run() async throws {
        let recording: SessionRecording
        do { recording = try RecordingFile.open(file) } catch { throw CannotRun.badFile("\(error)") }
        guard !recording.frames.isEmpty else { throw CannotRun.badFile("\(file): the recording holds no messages yet") }
        let start = try at.map { text in
            guard let t = RecordingTime.parse(text, start: recording.start) else {
                throw ValidationError("--at must be a time: 03:12:30 (UTC), +5m, epoch seconds or RFC 3339")
            }
            return t
        }
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let themes = noColor ? [Theme.mono] : Theme.builtin
        let header = recording.header
        let info = FleetDashboardState.Context(name: "\(header.context) (replay)", source: header.source, readOnly: true,
                                               production: header.production)
        let speed = speed, paused = paused
        let result = try await MainActor.run {
            try FullScreenSession.run(
                options: terminal, noColor: noColor, mouse: !terminal.noMouse,
                initialState: { _, glyphs in
                    let dashboard = FleetDashboardState(context: info, watch: header.engine.makeState(), keyMap: try! KeyMap(), glyphs: glyphs,
                                                        themes: themes, now: recording.start)
                    var state = ReplayState(recording: recording, dashboard: dashboard, playing: !paused)
                    state.setSpeed(speed)
                    if let start { state.seek(to: start) }
                    return state
                },
                performer: { ReplayEffects() },
                start: Replay.start,
                update: { Replay.update(&$0, $1) },
                render: { ReplayView.render($0, size: $1) },
                theme: { $0.dashboard.theme },
                revision: { $0.dashboard.revision })
        }
        if result.status != 0 { throw ExitCode(result.status) }
    }
}
