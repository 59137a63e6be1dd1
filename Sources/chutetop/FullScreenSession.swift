import ArgumentParser
import Dashboard
import DashboardRuntime
import Foundation
import LiveServices
import Logging
import NcursesTerminal
import TerminalUI

/// Runs a program full screen: preflight checks, logging to a file, signal handling, curses,
/// the loop, and the terminal restored on every way out.
enum FullScreenSession {
    static func run<State, Performer: EffectPerformer>(
        options: TerminalOptions,
        noColor: Bool,
        initialState: (ColorDepth, GlyphSet) -> State,
        performer: () -> Performer,
        update: @escaping ProgramRuntime<State, Performer>.Update,
        render: @escaping (State, Size) -> Screen,
        theme: @escaping (State) -> Theme
    ) throws -> Int32 {
        if let problem = TerminalPreflight.problemInThisProcess() {
            FileHandle.standardError.write(Data("chutetop: \(problem)\n".utf8))
            throw ExitCode(2)
        }
        let logPath = options.logFile ?? FileLogSink.defaultPath()
        let sink: FileLogSink
        do { sink = try FileLogSink(path: logPath) } catch {
            throw ValidationError("cannot open the log file \(logPath): \(error.localizedDescription)")
        }
        LoggingSystem.bootstrap { FileLogHandler(label: $0, sink: sink) }
        let log = Logger(label: "chutetop")

        let inbox = RuntimeInbox<Performer.Message>()
        ProcessSignals.install(onTermination: { inbox.requestTermination(signal: $0) },
                               onWindowChange: { inbox.noteWindowSizeChanged() })
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(options: .init(noColor: noColor), stderrTarget: sink.fileDescriptor)
        } catch {
            FileHandle.standardError.write(Data("chutetop: \(error)\n".utf8))
            throw ExitCode(2)
        }
        defer { terminal.stop() }
        let term = ProcessInfo.processInfo.environment["TERM"]
        let glyphs = GlyphSet.forTerminal(named: term, forceASCII: options.ascii)
        log.info("terminal started", metadata: ["size": "\(terminal.size)", "colours": "\(terminal.colorDepth)", "term": "\(term ?? "")"])
        let runtime = ProgramRuntime(state: initialState(terminal.colorDepth, glyphs), terminal: terminal,
                                     performer: performer(), inbox: inbox,
                                     update: update, render: render, theme: theme)
        let status = runtime.run()
        log.info("terminal stopped", metadata: ["status": "\(status)", "frames": "\(runtime.framesPresented)"])
        return status
    }
}
