import ArgumentParser
import FleetEngine
import LiveServices
import SessionRecording

/// `--record FILE`, for the dashboard, `demo` and `watch`.
struct RecordOption: ParsableArguments {
    @Option(help: ArgumentHelp("Record everything the engine receives (readings, listings, the clock, acknowledgements) to this new file, for `chutetop replay` and `snapshot --replay`.",
                               valueName: "file"),
            completion: .file())
    var record: String?

    /// The recorder for a session of `program` on `context` (nil without --record); a file that
    /// cannot be created ends the command (exit 2) before anything starts.
    func recorder(program: String, context: String, source: String, production: Bool, started: Double,
                  engine: EngineSetup) throws -> SessionRecorder? {
        guard let record else { return nil }
        let header = RecordingHeader(program: program, context: context, source: source, production: production, started: started,
                                     recordedBy: Chutetop.version, engine: engine)
        do { return try SessionRecorder(path: record, header: header) } catch {
            throw CannotRun.badFile("\(error)")
        }
    }
}
