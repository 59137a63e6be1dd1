import ArgumentParser
import Dashboard
import FleetSimulator
import Foundation
import LiveServices
import SessionRecording

/// `chutetop snapshot`: polls the fleet once (twice, one window apart, for rates) and prints it.
struct SnapshotCommand: AsyncParsableCommand, RunsOnEventLoops {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Poll every chute and instance once and print the fleet (table, or --json).",
        discussion: """
            Polls every probe of every instance, waits --window seconds, polls again, and prints \
            instance counts, health, readiness, request rate, 5xx ratio, p50/p95/p99 latency, GPU \
            figures, breakers and alerts, each value with its age (JSON). Targets that fail are \
            reported with their error and not retried. Exit status: 0 printed, 3 configuration or \
            source problem, 2 usage error.
            """
    )

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Seconds between the two polls: the range of rates and quantiles.", valueName: "seconds"))
    var window: Double = 5

    @Flag(help: "With --demo --json: add the simulator's own figures for the same seconds (simulatorTruth), to check chutetop's.")
    var withTruth = false

    @Option(help: ArgumentHelp("Take the snapshot from a recording (--record) instead of the fleet: what a live snapshot would have printed from the same readings at --at.",
                               valueName: "file"), completion: .file())
    var replay: String?

    @Option(help: ArgumentHelp("With --replay: the moment, as epoch seconds or RFC 3339 (2026-11-30T03:12:00Z).", valueName: "time"))
    var at: String?

    func validate() throws {
        guard window >= 1, window <= 600 else { throw ValidationError("--window must be 1...600 seconds") }
        if withTruth && !(fleet.demo && json) { throw ValidationError("--with-truth needs --demo and --json") }
        if (replay == nil) != (at == nil) { throw ValidationError("--replay and --at go together") }
        if replay != nil && (fleet.demo || fleet.config != nil || fleet.context != nil) {
            throw ValidationError("--replay reads a recording; leave out --demo, --config and --context")
        }
        if let at, RecordingTime.parse(at) == nil { throw ValidationError("--at must be epoch seconds or RFC 3339, e.g. 2026-11-30T03:12:00Z") }
    }

    func run() async throws {
        if let replay, let at = at.flatMap({ RecordingTime.parse($0) }) { return try printReplayed(replay, at: at) }
        let result = try await HeadlessRun.snapshot(fleet, window: window) { connection, snapshot in
            guard withTruth, let simulator = connection.simulator else { return nil }
            return await SimulatorTruth.fetch(simulator.baseURL, for: snapshot.picture)
        }
        if json {
            var out = SnapshotJSON(result.snapshot, context: result.context, source: result.source, window: window)
            out.simulatorTruth = result.truth
            print(out.encoded())
        } else {
            print(SnapshotTable.render(result.snapshot, window: window), terminator: "")
        }
        if let blind = HeadlessRun.unreadable(result.snapshot) { HeadlessRun.fail(blind) }
    }
}

extension SnapshotCommand {
    /// `--replay FILE --at T`: a recording that cannot be read, or a moment it did not record,
    /// exits 2 with the reason.
    func printReplayed(_ path: String, at time: Double) throws {
        let snapshot: FleetSnapshotter.Snapshot
        let header: RecordingHeader
        do {
            let recording = try RecordingFile.open(path)
            header = recording.header
            // The whole seconds inside it, both ends accepted.
            let first = recording.start.rounded(.up), last = recording.end.rounded(.down)
            guard time >= recording.start, time <= recording.end else {
                throw RecordingError("\(path) covers \(RecordingTime.clock(first))-\(RecordingTime.clock(last)) UTC "
                                     + "(\(Int(first))-\(Int(last))); --at \(Int(time)) is outside it")
            }
            if let cut = recording.cut { FileHandle.standardError.write(Data("chutetop: \(cut); read up to there\n".utf8)) }
            if time - window < recording.start {
                FileHandle.standardError.write(Data(("chutetop: the window (\(Int(window)) s before --at) starts before the recording (\(Int(first))): "
                                                     + "rates over it are unknown (—); a shorter --window or a later --at\n").utf8))
            }
            snapshot = try FleetSnapshotter.replayed(recording, at: time, window: window)
        } catch {
            throw CannotRun.badFile("\(error)")
        }
        if json {
            print(SnapshotJSON(snapshot, context: header.context, source: header.source, window: window).encoded())
        } else {
            print(SnapshotTable.render(snapshot, window: window), terminator: "")
        }
    }
}

/// What snapshot and check share: resolve the context, open its source, take the snapshot,
/// close. Problems before polling exit 3 with a one-line message naming the cause.
enum HeadlessRun {
    struct Result {
        var snapshot: FleetSnapshotter.Snapshot
        var context: String
        var source: String
        var truth: [String: FleetTruth.Chute]?
    }

    /// `beforeClosing` runs while the source (and an in-process simulator) is still up.
    static func snapshot(_ fleet: FleetOptions, window: Double,
                         beforeClosing: (FleetConnection, FleetSnapshotter.Snapshot) async -> [String: FleetTruth.Chute]? = { _, _ in nil }) async throws -> Result {
        let context: ContextConfig
        do { context = try fleet.resolve() } catch { fail(error.description) }
        let connection: FleetConnection
        do { connection = try await FleetConnection.open(context) } catch { fail("context \(context.name): \(error)") }
        let snapshot = await FleetSnapshotter.take(sources: connection.sources, context: context, window: window)
        let truth = await beforeClosing(connection, snapshot)
        await connection.close(stoppingSimulator: false)
        return Result(snapshot: snapshot, context: context.name, source: connection.sources.kind, truth: truth)
    }

    /// Why the source could not see the fleet at all (its listing failed, or a fleet-wide
    /// reading got no answer), or nil. What was read is still printed; the exit status says
    /// the picture is blind, so a cron job does not take it for "all clear".
    static func unreadable(_ s: FleetSnapshotter.Snapshot) -> String? {
        if let p = s.sourceProblems.first(where: { !$0.partial }) {
            return "the source could not be read (\(p.kind.rawValue)): \(p.error)"
        }
        if s.picture.chutes.count == 1, let c = s.picture.chutes.first, c.instances.isEmpty, c.name.hasPrefix("("), let e = c.controlError {
            return "the fleet could not be listed: \(e)"
        }
        return nil
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("chutetop: " + message + "\n").utf8))
        Foundation.exit(3)
    }
}
