import Dispatch
import Glibc

/// Routes SIGINT, SIGTERM, SIGHUP and SIGWINCH to closures through dispatch sources, so the loop
/// ends cleanly (terminal restored, exit 128 + signal) and resizes wake it wherever the signal
/// lands. Install before curses starts: ncurses only hooks signals still at their default.
public enum ProcessSignals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    public static func install(onTermination: @escaping @Sendable (Int32) -> Void,
                               onWindowChange: @escaping @Sendable () -> Void) {
        // A second install (a dashboard switching context) replaces the first.
        sources.forEach { $0.cancel() }
        sources.removeAll()
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            // @Sendable is required: a closure written in a main-actor context would otherwise
            // be inferred main-actor isolated and trap when dispatch runs it on another queue.
            source.setEventHandler { @Sendable in onTermination(sig) }
            source.resume()
            sources.append(source)
        }
        signal(SIGWINCH, SIG_IGN)
        let winch = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        winch.setEventHandler { @Sendable in onWindowChange() }
        winch.resume()
        sources.append(winch)
    }
}
