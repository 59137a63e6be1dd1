import ArgumentParser
import Foundation
import Dashboard
import LiveServices
import Monitoring
import SignalRouting
import Synchronization

/// `chutetop watch --headless`: the monitoring engine without a screen, for a fixed time; prints
/// alert changes as they happen and a summary at the end (the engine benchmark runs this).
struct WatchCommand: AsyncParsableCommand, RunsOnEventLoops {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Poll the fleet continuously without a screen; print alert changes and a summary.",
        discussion: "Runs until --duration passes or SIGINT/SIGTERM; exit status as for check (worst firing severity at the end)."
    )

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var recording: RecordOption

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var duration: Double = 60

    func validate() throws {
        guard duration > 0 else { throw ValidationError("--duration must be above 0") }
    }

    func run() async throws {
        let context: ContextConfig
        do { context = try fleet.resolve() } catch { HeadlessRun.fail(error.description) }
        let connection: FleetConnection
        do { connection = try await FleetConnection.open(context) } catch { HeadlessRun.fail("context \(context.name): \(error)") }
        let engine = MonitoringEngine(sources: connection.sources, context: context)
        let started = WallClock.system.now()
        let setup = engine.setup(seed: UInt64(started * 1000))
        let recorder: SessionRecorder?
        do {
            recorder = try recording.recorder(program: "watch", context: context.name, source: connection.sources.kind,
                                              production: context.production, started: started, engine: setup)
        } catch {
            await connection.close()
            throw error
        }
        let seen = AlertLog()
        let duration = duration
        let running = Task { await engine.run(duration: duration, setup: setup, recorder: recorder) { report in seen.print(report.alerts) } }
        // SIGINT/SIGTERM/SIGHUP stop the engine (every poll in flight is cancelled) and still
        // print the summary.
        let stopped = Mutex<Int32?>(nil)
        ProcessSignals.install(onTermination: { signal in
            stopped.withLock { $0 = $0 ?? signal }
            running.cancel()
        }, onWindowChange: {})
        let report = await running.value
        recorder?.finish()
        if let recorder, let problem = recorder.problem { print("recording to \(recorder.path) stopped early: \(problem)") }
        await connection.close()
        if let signal = stopped.withLock({ $0 }) {
            print("stopped by signal \(signal)")
            throw ExitCode(128 + signal)
        }
        let instances = report.picture.chutes.reduce(0) { $0 + $1.instances.count }
        print("summary: \(report.scrapes) scrapes, \(report.failedPolls) failed polls, \(report.picture.chutes.count) chute\(report.picture.chutes.count == 1 ? "" : "s"), "
              + "\(instances) instances, history \(report.historySeries) series \(report.historyBytes / 1024) KiB")
        throw ExitCode(report.alerts.filter { $0.state == .firing }.map(\.severity).max()?.exitCode ?? 0)
    }
}

/// Prints each alert's state changes once.
private final class AlertLog: @unchecked Sendable {
    private var states: [String: Alert.State] = [:]

    func print(_ alerts: [Alert]) {
        for a in alerts where states[a.id] != a.state {
            states[a.id] = a.state
            Swift.print("\(a.state.rawValue) \(a.severity.rawValue) \(a.id): \(a.summaryAfterID)")
        }
    }
}
