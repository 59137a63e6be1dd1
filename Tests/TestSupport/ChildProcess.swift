import Foundation

/// Runs a program to completion with posix_spawn and waitpid, output captured through temporary
/// files. Foundation's Process is not used in tests: run in parallel with tmux here it was seen
/// leaving exited children unreaped and waits hanging; and a pipe would never reach EOF when the
/// child starts a daemon (tmux) that inherits it.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `argv[0]` is a path, or a name looked up on PATH. `environment` nil inherits ours.
    public static func run(_ argv: [String], environment: [String: String]? = nil) throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-cmd-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer { unlink(outPath); unlink(errPath) }
        let pid = try spawn(argv, environment: environment, stdout: outPath, stderr: errPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitStatus,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// `run` on a thread of its own, so an async test waiting for a child does not hold one of
    /// the few threads every test shares (two such waits at once starved the tmux tests, whose
    /// waits then timed out with an empty pane).
    public static func runOffPool(_ argv: [String], environment: [String: String]? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result<ChildProcess.Result, any Error> { try run(argv, environment: environment) })
            }
        }
    }

    /// Waits for a spawned child on a thread of its own (never on the cooperative pool: a
    /// blocking `waitpid` there for a recording's last seconds starved every in-process server
    /// in a full run, whose requests then timed out); answers its exit status.
    public static func waitOffPool(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
    }

    /// Starts `argv` (looked up on PATH) with stdin from /dev/null and stdout/stderr into files
    /// (`stderr` nil: into the stdout file); `environment` nil inherits ours. Returns the pid.
    public static func spawn(_ argv: [String], environment: [String: String]? = nil, stdout: String, stderr: String?) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // Nothing else of ours: a child holding a copy of another test's socket keeps it open
        // (a server's reset or close does not reach its client until the child exits).
        closeFrom3(&actions)
        // The child starts with no signal blocked and every signal at its default: the calling
        // thread may be one that blocks signals (Swift's and NIO's threads do), and a child
        // inheriting a blocked SIGTERM cannot be stopped.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] } ?? []
        defer { cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = environment == nil
            ? posix_spawnp(&pid, argv[0], &actions, &attributes, &cArgs, environ)
            : posix_spawnp(&pid, argv[0], &actions, &attributes, &cArgs, &cEnv)
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(argv[0]): cannot start (errno \(spawned))"])
        }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; not in Swift's Glibc
    /// module), looked up once.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        guard let addCloseFrom else { return }
        _ = addCloseFrom(&actions, 3)
    }
}
