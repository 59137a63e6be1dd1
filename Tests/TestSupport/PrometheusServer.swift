import Foundation
import Ingest

/// Debian's prometheus on a free loopback port, with a temporary config and data directory. It
/// discovers targets through http_sd at `{simulator}/sim/targets` (the simulator's `chute` and
/// `chute_instance` labels), scrapes every `scrapeInterval`, evaluates `rules` (a rule file's
/// text) and sends alerts to an Alertmanager when one is given.
public final class PrometheusServer: @unchecked Sendable {
    public let port = BackgroundProcess.freePort()
    public let directory: URL
    public let process: BackgroundProcess
    public var url: String { "http://127.0.0.1:\(port)" }

    public static var shouldRun: Bool { TestEnvironment.shouldRun(needing: TestEnvironment.commandWorks(["prometheus", "--version"])) }

    public init(simulatorPort: Int?, scrapeInterval: String = "1s", rules: String? = nil, alertmanagerPort: Int? = nil,
                extraArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = """
            global:
              scrape_interval: \(scrapeInterval)
              scrape_timeout: 900ms
              evaluation_interval: 1s

            """
        if let rules {
            let rulesPath = directory.appendingPathComponent("rules.yml").path
            try rules.write(toFile: rulesPath, atomically: true, encoding: .utf8)
            config += "rule_files: [\"\(rulesPath)\"]\n"
        }
        if let alertmanagerPort {
            config += """
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:\(alertmanagerPort)"]

                """
        }
        if let simulatorPort {
            config += """
                scrape_configs:
                  - job_name: chutes
                    http_sd_configs:
                      - url: http://127.0.0.1:\(simulatorPort)/sim/targets
                        refresh_interval: 2s

                """
        }
        let configPath = directory.appendingPathComponent("prometheus.yml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        process = try BackgroundProcess(["prometheus", "--config.file=\(configPath)",
                                         "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                                         "--web.listen-address=127.0.0.1:\(port)"] + extraArguments,
                                        logPath: directory.appendingPathComponent("prometheus.log").path)
    }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// An API reply's body (GET `path` with the query items), or nil when it did not answer.
    public func get(_ path: String, _ query: [(String, String)] = []) throws -> Data? {
        let encoded = query.map { $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1) }
        let url = self.url + path + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
        return LoopbackGet.body(url)
    }

    /// An instant query's result, via the HTTP API and our decoder; evaluated now, or `at`
    /// (seconds since the epoch).
    public func query(_ query: String, at: Double? = nil) throws -> [PrometheusAPI.Series] {
        guard let body = try get("/api/v1/query", [("query", query)] + (at.map { [("time", String($0))] } ?? [])) else { return [] }
        switch try PrometheusAPI.decode(body).result {
        case .vector(let series), .matrix(let series): return series
        case .scalar(let p): return [PrometheusAPI.Series(labels: [], points: [p])]
        case .string: return []
        }
    }

    /// An instant query's single value (nil when the result is empty).
    public func value(_ query: String, at: Double? = nil) throws -> Double? {
        try self.query(query, at: at).first?.points.first?.value
    }

    /// Polls `condition` every half second; on timeout throws with the server's log tail, so
    /// the test fails saying what it waited for.
    /// Whether every target of the `chutes` job is discovered and up, and there are at least
    /// `count` (with some still down, a reading counts only the chutes scraped so far).
    public func everyChuteTargetUp(atLeast count: Double) throws -> Bool {
        let up = try value(#"count(up{job="chutes"} == 1)"#) ?? 0
        return try up >= count && up == (value(#"count(up{job="chutes"})"#) ?? 0)
    }

    public func waitUntil(_ what: String, timeout: Duration, _ condition: () throws -> Bool) async throws {
        try await ServerWaitTimeout.poll(what, server: "prometheus", log: process, timeout: timeout, condition)
    }
}

public struct ServerWaitTimeout: Error, CustomStringConvertible {
    public let description: String

    /// Polls `condition` every half second until it holds or `timeout` passes.
    static func poll(_ what: String, server: String, log: BackgroundProcess, timeout: Duration, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw ServerWaitTimeout(description: "timed out waiting for \(what); \(server) log:\n\(log.logTail)")
    }
}
