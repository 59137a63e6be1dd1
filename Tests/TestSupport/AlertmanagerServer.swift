import Foundation

/// Debian's Alertmanager (`prometheus-alertmanager`, installed by .ci/run) on a free loopback
/// port with a temporary config (one receiver that sends nowhere) and data directory.
public final class AlertmanagerServer: @unchecked Sendable {
    public let port = BackgroundProcess.freePort()
    public let directory: URL
    public let process: BackgroundProcess
    public var url: String { "http://127.0.0.1:\(port)" }

    public static let executable = "prometheus-alertmanager"
    public static var shouldRun: Bool { TestEnvironment.shouldRun(needing: TestEnvironment.commandWorks([executable, "--version"])) }

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-alertmanager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = """
            route:
              receiver: nowhere
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: nowhere

            """
        let configPath = directory.appendingPathComponent("alertmanager.yml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        // The cluster listener is off: one instance, and no port to collide with parallel tests.
        process = try BackgroundProcess([Self.executable, "--config.file=\(configPath)",
                                         "--storage.path=\(directory.appendingPathComponent("data").path)",
                                         "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address="],
                                        logPath: directory.appendingPathComponent("alertmanager.log").path)
    }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// GET `path` (e.g. `/api/v2/alerts`), the body or nil when it did not answer.
    public func get(_ path: String) throws -> Data? {
        LoopbackGet.body(url + path)
    }

    public func waitUntil(_ what: String, timeout: Duration, _ condition: () throws -> Bool) async throws {
        try await ServerWaitTimeout.poll(what, server: "alertmanager", log: process, timeout: timeout, condition)
    }
}
