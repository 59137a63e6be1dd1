import ArgumentParser
import Dashboard
import DashboardRuntime
import Foundation
import LiveServices
import Logging
import NcursesTerminal
import SignalRouting
import Synchronization
import TerminalUI

/// Runs a program full screen: preflight checks, logging to a file, signal handling, curses,
/// the loop, and the terminal restored on every way out.
enum FullScreenSession {
    /// Returns the exit status and the program's last state.
    static func run<State, Performer: EffectPerformer>(
        options: TerminalOptions,
        noColor: Bool,
        mouse: Bool = false,
        initialState: (ColorDepth, GlyphSet) -> State,
        performer: () -> Performer,
        start: [ProgramEffect<Performer.Command>] = [],
        update: @escaping ProgramRuntime<State, Performer>.Update,
        render: @escaping (State, Size) -> Screen,
        theme: @escaping (State) -> Theme,
        revision: ((State) -> Int)? = nil,
        coalesce: RuntimeInbox<Performer.Message>.Coalesce? = nil
    ) throws -> (status: Int32, state: State) {
        if let problem = TerminalPreflight.problemInThisProcess() {
            FileHandle.standardError.write(Data("chutetop: \(problem)\n".utf8))
            throw ExitCode(2)
        }
        let logPath = options.logFile.map { XDGDirectories.expandingHome($0) } ?? FileLogSink.defaultPath()
        let sink: FileLogSink
        do { sink = try FileLogSink(path: logPath) } catch {
            throw CannotRun("cannot open the log file \(logPath): \(error.localizedDescription)")
        }
        LoggingBootstrap.once { FileLogHandler(label: $0, sink: sink) }
        let log = Logger(label: "chutetop")

        let inbox = RuntimeInbox<Performer.Message>(coalesce: coalesce)
        ProcessSignals.install(onTermination: { inbox.requestTermination(signal: $0) },
                               onWindowChange: { inbox.noteWindowSizeChanged() })
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(options: .init(noColor: noColor, mouse: mouse), stderrTarget: sink.fileDescriptor)
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
                                     update: update, render: render, theme: theme, revision: revision)
        let status = runtime.run(start: start)
        log.info("terminal stopped", metadata: ["status": "\(status)", "frames": "\(runtime.framesPresented)",
                                                "keyToFrame": "\(KeyLatency.summary(runtime.keyToFrame))"])
        return (status, runtime.state)
    }
}

/// swift-log may be bootstrapped once per process; a dashboard that switches context starts a
/// second session, which keeps the first bootstrap (both log to the same file by default).
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(_ factory: @escaping @Sendable (String) -> any LogHandler) {
        let first = done.withLock { d in
            defer { d = true }
            return !d
        }
        if first { LoggingSystem.bootstrap(factory) }
    }
}

/// Percentiles of the keypress-to-frame latencies, for the log and the benchmark.
enum KeyLatency {
    static func summary(_ samples: [Duration]) -> String {
        guard !samples.isEmpty else { return "no keys" }
        let ms = samples.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }.sorted()
        let at = { (q: Double) in ms[max(0, min(ms.count - 1, Int((q * Double(ms.count)).rounded(.up)) - 1))] }
        return String(format: "n=%d p50=%.2fms p99=%.2fms max=%.2fms", ms.count, at(0.5), at(0.99), ms.last!)
    }
}
