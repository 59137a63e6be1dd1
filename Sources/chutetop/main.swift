import ArgumentParser
import Glibc
import NIOCore
import NIOPosix

// Swift's backtracer waits 30 s for a key on a tty after a crash, with the tty still raw.
// It reads its settings at process start, so set them and start again before anything else.
// Only a terminal can be left raw, so headless runs (pipes, files) skip the second start.
if getenv("SWIFT_BACKTRACE") == nil && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
    setenv("SWIFT_BACKTRACE", "interactive=no", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // If re-exec fails, carry on with the default backtracer settings.
}

OpenFileLimit.raise()

// Usage errors exit 2 (ArgumentParser's default is 64), as the commands' contract says; 3 for
// `review`, whose 2 means "a check fails".
do {
    var command = try Chutetop.parseAsRoot()
    // Headless fleet commands spend their time in HTTP: run Swift concurrency on NIO's event
    // loops so a poll's result does not hop threads (DECISIONS.md 2026-11-21). Never for
    // full-screen commands, whose loop blocks in poll(2).
    if command is RunsOnEventLoops {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
    if var asynchronous = command as? AsyncParsableCommand {
        try await runAsynchronously(&asynchronous)
    } else {
        try command.run()
    }
} catch {
    // A configuration, credential or source that does not work: one line, exit 3, as every
    // command says (no usage text: the command line was fine); an unusable file named on it: 2.
    if let cannot = error as? CannotRun {
        let message = "chutetop: \(cannot.message)\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(cannot.status)
    }
    if Chutetop.exitCode(for: error) == .validationFailure {
        let message = Chutetop.fullMessage(for: error) + "\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(ReviewCommand.isInvocation(CommandLine.arguments) ? 3 : 2)
    }
    Chutetop.exit(withError: error)
}

/// In a generic context `run()` is the async requirement, not the synchronous one the
/// existential would pick.
func runAsynchronously<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
    try await command.run()
}

/// A command whose async work may run on NIO's event loops (it never blocks a thread).
protocol RunsOnEventLoops {}
