import Foundation
import Synchronization

/// A tmux server of its own (`tmux -L <unique socket>`) running one command in a pane of a
/// given size, for end-to-end tests of the real binary on a real pty. Waits poll
/// `capture-pane`; nothing sleeps for a fixed time.
public final class TmuxSession: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case tmuxMissing
        case commandFailed(String)
        case timedOut(waitingFor: String, screen: String)

        public var description: String {
            switch self {
            case .tmuxMissing: "tmux is not installed (apt-get install tmux); end-to-end tests need it"
            case .commandFailed(let s): "tmux failed: \(s)"
            case .timedOut(let what, let screen): "timed out waiting for \(what); the pane shows:\n\(screen)"
            }
        }
    }

    public let socket: String
    /// Sessions of this process, numbered atomically: suites run in parallel, and two sessions
    /// given one socket name killed each other's server (seen in CI as an empty pane).
    private static let counter = Atomic<Int>(0)

    /// Whether tmux can be found on PATH.
    public static var isAvailable: Bool { TestEnvironment.commandWorks(["tmux", "-V"]) }

    /// Whether the tmux tests should run: tmux is here, or this is CI, where its absence fails them.
    public static var shouldRun: Bool { TestEnvironment.shouldRun(needing: isAvailable) }

    /// Starts `shellCommand` (run by /bin/sh) in a detached session of `width` x `height`.
    public init(width: Int, height: Int, shellCommand: String, environment: [String: String] = [:]) throws {
        guard TmuxSession.isAvailable else { throw Failure.tmuxMissing }
        socket = "chutetop-test-\(getpid())-\(TmuxSession.counter.add(1, ordering: .relaxed).newValue)"
        // A state directory of its own unless the test gives one: the dashboard keeps each
        // context's timeline there, and tests must not share it (or the operator's).
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-tmux-state-\(UUID().uuidString)").path
        let exports = (["TERM": "tmux-256color", "LANG": "C.UTF-8", "XDG_STATE_HOME": state].merging(environment) { $1 })
            .sorted { $0.key < $1.key }.map { "export \($0.key)='\($0.value)'; " }.joined()
        // The test runner's own NO_COLOR (swift test sets it when its output is not a terminal)
        // must not leak into the program under test; tests that want it pass it in `environment`.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "main",
                  "/bin/sh", "-c", "unset NO_COLOR; " + exports + shellCommand])
        try tmux(["set-option", "-t", "main", "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// The pane's text; with `escapes`, including the SGR sequences tmux saw.
    public func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "main"] + (escapes ? ["-e"] : []))
    }

    /// Polls the pane (every 100 ms, each capture on a thread of its own so a wait never holds
    /// one of the few threads every test shares) until `condition` holds; returns the pane text
    /// then. The bound is for liveness only (no test asserts a time): 45 s, because the whole
    /// suite starts at once on two cores and a first frame can wait behind it.
    @discardableResult
    public func waitFor(_ what: String, timeout: Duration = .seconds(45),
                        _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try await tmuxOffPool(["capture-pane", "-p", "-t", "main"])
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure.timedOut(waitingFor: what, screen: screen)
    }

    /// Polls until the pane contains `text`.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(45)) async throws -> String {
        try await waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Sends tmux key names (`q`, `Enter`, `C-l`, `Tab`) or literal text.
    public func send(_ keys: String...) throws { try send(keys) }

    /// `send-keys` with these arguments (`["-H", "1b", …]` writes raw bytes to the pane).
    public func send(_ keys: [String]) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// A tmux format evaluated for the pane (`#{mouse_standard_flag}`: the program asked for
    /// mouse reports).
    public func paneFormat(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the pane's shell.
    public func shellPID() throws -> Int32 {
        let text = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"])
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure.commandFailed("no pane pid in '\(text)'")
        }
        return pid
    }

    /// The pid of the shell's child (the program under test), waiting until it exists.
    public func programPID(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let shell = try shellPID()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let out = try? TmuxSession.run(["pgrep", "-P", "\(shell)"]),
               let pid = out.split(separator: "\n").first.flatMap({ Int32($0) }) {
                return pid
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure.commandFailed("the program under test did not start")
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String { try TmuxSession.run(["tmux", "-L", socket] + args) }

    private func tmuxOffPool(_ args: [String]) async throws -> String {
        let argv = ["tmux", "-L", socket] + args
        return try Self.stdout(of: try await ChildProcess.runOffPool(argv), argv)
    }

    /// Runs a command (looked up on PATH) and returns its stdout; throws on a non-zero exit.
    @discardableResult
    public static func run(_ argv: [String]) throws -> String {
        try stdout(of: try ChildProcess.run(argv), argv)
    }

    private static func stdout(of r: ChildProcess.Result, _ argv: [String]) throws -> String {
        guard r.status == 0 else { throw Failure.commandFailed("\(argv.joined(separator: " ")): exit \(r.status) \(r.stderr)") }
        return r.stdout
    }
}
