import Foundation

/// A long-running child (a real Prometheus server, say), started with posix_spawn and stopped
/// with SIGTERM when the test is done. Its output goes to a log file the test can show on failure.
public final class BackgroundProcess: @unchecked Sendable {
    public let pid: pid_t
    public let logPath: String
    private var stopped = false

    public init(_ argv: [String], logPath: String) throws {
        self.logPath = logPath
        pid = try ChildProcess.spawn(argv, stdout: logPath, stderr: nil)
    }

    /// The last part of the log, for failure messages.
    public var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    deinit { stop() }

    /// A free loopback port (bound, read, released).
    public static func freePort() -> Int {
        let (fd, port) = boundPort()
        close(fd)
        return port
    }

    /// A loopback port that refuses connections for the rest of the test process: bound, never
    /// listening, and kept, so no other test's server can be given it (a port from `freePort`,
    /// released at once, was, and a "refused" target answered in a parallel run).
    public static func refusingPort() -> Int { boundPort().port }

    private static func boundPort() -> (fd: Int32, port: Int) {
        guard let bound = LoopbackSocket.bound() else { fatalError("cannot bind a loopback port: errno \(errno)") }
        return bound
    }
}
