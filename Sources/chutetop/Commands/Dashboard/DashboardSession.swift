import FleetEngine
import ArgumentParser
import Dashboard
import DashboardViews
import Foundation
import LiveServices
import Monitoring
import NcursesTerminal
import SessionRecording
import TerminalUI

/// Runs the dashboard full screen on a context: opens its source (starting the simulator for
/// `simulator`), runs the loop, closes the source. `:context NAME` ends the loop with a context
/// to switch to; the session then opens that one and starts again.
enum DashboardSession {
    static func run(first: ContextConfig, contexts: [ContextConfig], keyMap: KeyMap, terminal: TerminalOptions,
                    actions options: ActionOptions, configReadOnly: Bool = false, runbooks: [RunbookAction] = [],
                    mouse: Bool = true, record: RecordOption = RecordOption(), program: String = "dashboard") async throws {
        // A missing terminal is refused before anything starts (exit 2, one line).
        if let problem = TerminalPreflight.problemInThisProcess() {
            FileHandle.standardError.write(Data("chutetop: \(problem)\n".utf8))
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var context = first
        let clock = WallClock.system
        // --record records the context opened first; a switch to another context ends it.
        var recording = record
        while true {
            let connection: FleetConnection
            do { connection = try await FleetConnection.open(context, clock: clock) } catch {
                throw CannotRun("cannot open context '\(context.name)': \(error)")
            }
            let themes = noColor ? [Theme.mono] : Theme.builtin + (ThemeLocations.userThemeDirectory(environment: environment).map { ThemeDirectory.load(from: $0).themes } ?? [])
            let themeIndex = context.theme.flatMap { wanted in
                themes.firstIndex { $0.name.lowercased() == wanted.lowercased() || $0.origin.hasSuffix("/\(wanted).theme") || $0.origin == "built-in:\(wanted).theme" }
            } ?? 0
            let readOnly = options.isReadOnly(config: configReadOnly, context: context)
            let controlAPI = connection.sources.control?.endpoint
            let info = FleetDashboardState.Context(name: context.name, source: connection.sources.kind, readOnly: readOnly,
                                                   production: context.production, protected: context.protected,
                                                   dryRun: options.dryRun, controlAPI: controlAPI,
                                                   alertmanager: connection.sources.alertmanager?.endpoint,
                                                   operatorName: ActionRunner.operatorName(environment))
            let offered = readOnly ? [] : connection.sources.actions + runbooks
            let secrets = ActionOptions.secrets(for: runbooks)
            let runner = readOnly ? nil : ActionRunner(control: connection.sources.control, settings: context.poll, audit: options.audit, clock: clock,
                                                       alertmanager: connection.sources.alertmanager, inventory: connection.sources.inventory)
            let started = clock.now()
            let setup = EngineSetup(settings: context.poll, names: context.metricNames, rules: context.alertRules,
                                    seed: UInt64(started * 1000), plan: connection.sources.readings.plan,
                                    alertmanagerInterval: context.alertmanagerInterval)
            let recorder: SessionRecorder?
            do {
                recorder = try recording.recorder(program: program, context: context.name, source: connection.sources.kind,
                                                  production: context.production, started: started, engine: setup)
            } catch {
                await connection.close()
                throw error
            }
            recording.record = nil
            let watch = setup.makeState()
            let names = contexts.map(\.name)
            // The context's timeline: what it recorded before (acknowledgements and snoozes
            // still in force included) is taken back; what happens now is appended.
            let timeline = TimelineStore(context: context.name, environment: environment)
            let past = timeline.load()
            let performer = DashboardEffects(sources: connection.sources, names: context.metricNames, runner: runner, clock: clock,
                                             timeline: timeline, exportIncident: { IncidentExport.write($0, store: timeline) })
            let result = try await MainActor.run {
                try FullScreenSession.run(
                    options: terminal, noColor: noColor, mouse: mouse && !terminal.noMouse,
                    initialState: { _, glyphs in
                        var state = FleetDashboardState(context: info, watch: watch, keyMap: keyMap, glyphs: glyphs, themes: themes,
                                                        themeIndex: themeIndex, contexts: names, now: clock.now())
                        state.actions = offered
                        state.secrets = secrets
                        state.restoreTimeline(past.events, skippedLines: past.skippedLines)
                        if let recorder {
                            state.engineJournal = []
                            FleetDashboard.recordingStarted(recorder.path, &state)
                        }
                        return state
                    },
                    performer: { performer },
                    start: FleetDashboard.start,
                    update: { state, event in
                        let effects = FleetDashboard.update(&state, event)
                        recorder?.record(state.takeJournal())
                        return effects
                    },
                    render: { FleetDashboardView.render($0, size: $1) },
                    theme: { $0.theme },
                    revision: { $0.revision },
                    coalesce: DashboardMessage.coalesce)
            }
            // The minute of traffic in progress (and anything not handed over yet) is kept too.
            var final = result.state
            do { try timeline.append(FleetDashboard.closingRecords(&final)) } catch {
                FileHandle.standardError.write(Data("chutetop: the timeline of '\(context.name)' was not saved at exit: \(error)\n".utf8))
            }
            recorder?.finish()
            if let recorder, let problem = recorder.problem {
                FileHandle.standardError.write(Data("chutetop: recording to \(recorder.path) stopped early: \(problem)\n".utf8))
            }
            await runner?.shutdown()
            await connection.close()
            if result.status != 0 { throw ExitCode(result.status) }
            guard let next = result.state.switchTo, let found = contexts.first(where: { $0.name == next }) else { return }
            context = found
        }
    }
}
