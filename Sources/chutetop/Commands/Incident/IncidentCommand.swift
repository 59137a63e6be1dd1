import ArgumentParser
import Dashboard
import DashboardViews
import FleetEngine
import Foundation
import LiveServices
import Monitoring

/// `chutetop incident`: the incident timeline kept by the dashboard, for a handoff.
struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Hand over an incident: what the dashboard recorded, as Markdown or JSON.",
        subcommands: [IncidentExportCommand.self]
    )
}

extension IncidentExport.Format: ExpressibleByArgument {}

/// `chutetop incident export`: the context's timeline over an incident (or the last so many
/// minutes), with what is firing now from a fresh snapshot.
struct IncidentExportCommand: AsyncParsableCommand, RunsOnEventLoops {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print an incident's handoff: title, span, what is firing now, timeline, actions, notes, per-chute charts.",
        discussion: """
            The span: --incident ID (started with ':incident start TITLE' in the dashboard), --since \
            DURATION (30m, 2h, 1d), or by default the open incident, else the latest one, else the \
            last hour. What is firing now comes from a fresh snapshot (--window seconds); when the \
            source cannot be read the report says so and is still printed. The timeline is read \
            from $XDG_STATE_HOME/chutetop/timeline/CONTEXT.jsonl. Exit status: 0 printed, 2 no such \
            incident, 3 the configuration could not be read.
            """
    )

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("The last DURATION (30m, 2h, 1d) instead of an incident.", valueName: "duration"))
    var since: String?

    @Option(help: ArgumentHelp("The incident with this id (the timeline view and the export name it).", valueName: "id"))
    var incident: String?

    @Option(help: "markdown or json.")
    var format: IncidentExport.Format = .markdown

    @Option(help: ArgumentHelp("Seconds between the snapshot's two polls (what is firing now).", valueName: "seconds"))
    var window: Double = 5

    func validate() throws {
        if since != nil && incident != nil { throw ValidationError("give --since or --incident, not both") }
        if let since, SilenceActions.parseDuration(since) == nil { throw ValidationError("--since: '\(since)' is not a duration (30m, 2h, 1d)") }
        guard window >= 1, window <= 600 else { throw ValidationError("--window must be 1...600 seconds") }
    }

    func run() async throws {
        let context: ContextConfig
        do { context = try fleet.resolve() } catch { throw CannotRun(error.description) }
        let selection: IncidentSelection = incident.map { .incident($0) } ?? since.flatMap(SilenceActions.parseDuration).map { .since($0) } ?? .latest
        let (firing, problem) = await firingNow(context)
        let store = TimelineStore(context: context.name)
        if !FileManager.default.fileExists(atPath: store.path) {
            FileHandle.standardError.write(Data("chutetop: no timeline kept for context '\(context.name)' yet (\(store.path))\n".utf8))
        }
        do {
            let made = try IncidentExport.report(context: context.name, store: store, selection: selection, firing: firing,
                                                 firingProblem: problem, now: WallClock.system.now())
            if made.skippedLines > 0 {
                FileHandle.standardError.write(Data("chutetop: \(made.skippedLines) damaged timeline line(s) skipped in \(store.path)\n".utf8))
            }
            print(IncidentExport.text(made.report, format: format), terminator: format == .markdown ? "\n" : "")
        } catch {
            FileHandle.standardError.write(Data("chutetop: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// chutetop's firing alerts and Alertmanager's (those naming a chute) from one snapshot, or
    /// why they could not be read.
    private func firingNow(_ context: ContextConfig) async -> ([Alert]?, String?) {
        let connection: FleetConnection
        do { connection = try await FleetConnection.open(context) } catch { return (nil, "the source could not be opened: \(error)") }
        let s = await FleetSnapshotter.take(sources: connection.sources, context: context, window: window)
        await connection.close(stoppingSimulator: false)
        if let blind = HeadlessRun.unreadable(s) { return (nil, blind) }
        var firing = s.alerts.filter { $0.state == .firing }
        if case .alerts(let list)? = s.alertmanager { firing += list.filter(\.isFiring).compactMap(\.asChuteAlert) }
        return (firing, nil)
    }
}
