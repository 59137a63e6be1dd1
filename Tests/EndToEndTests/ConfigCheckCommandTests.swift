import Foundation
import TestSupport
import TestLanes
import Testing

/// `chutetop config check` as an operator runs it: every problem at file:line:key, credentials
/// resolved but never printed, the contexts as read, exit 0 or 3; the system-wide file of
/// $XDG_CONFIG_DIRS is found after the user's.
@Suite(.lane(.live)) struct ConfigCheckCommandTests {
    func chutetop(_ args: [String], _ environment: [String: String]) async throws -> ChildProcess.Result {
        try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop")] + args, environment: environment)
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-configcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func threeMistakesAreAllReportedAtFileLineKey() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = BuildProducts.packageRoot().appendingPathComponent("Fixtures/config/three-mistakes.yaml").path
        let r = try await chutetop(["config", "check", "--config", file], ["PATH": "/usr/bin:/bin", "HOME": dir.path])
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("3 problems:"), "\(r.stdout)")
        for expected in ["\(file):3:", ": contexts[0].source.chutes: 12 is out of range 1...10",
                         "\(file):4:", ": contexts[0].poll.health: an interval must be at least 100ms",
                         "\(file):6:", ": contexts[1].sourc: unknown key (did you mean 'source'?)"] {
            #expect(r.stdout.contains(expected), "missing '\(expected)' in:\n\(r.stdout)")
        }
        #expect(r.stdout.contains("  c (default): simulator (10 chutes"), "\(r.stdout)")
    }

    /// A credential that resolves is named by where it comes from, never shown; one that does
    /// not is a problem at its auth key's line.
    @Test func credentialsAreResolvedNeverPrinted() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("auth.yaml").path
        let keyFile = dir.appendingPathComponent("am.key").path
        try "am-secret-value\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        try """
            defaultContext: prod
            contexts:
              - name: prod
                source:
                  kind: prometheus
                  url: http://127.0.0.1:9
                  auth: {tokenEnv: PROM_TOKEN}
                alertmanager:
                  url: http://127.0.0.1:8
                  auth: {tokenFile: \(keyFile)}
              - name: lab
                source:
                  kind: direct
                  controlAPI: http://127.0.0.1:7/api
                  auth: {tokenEnv: LAB_TOKEN}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let env = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "PROM_TOKEN": "prom-secret-value"]
        // The key file is readable by others: refused, at its line, with the fix.
        chmod(keyFile, 0o644)
        let loose = try await chutetop(["config", "check", "--config", file], env)
        #expect(loose.status == 3)
        #expect(loose.stdout.contains("\(file):10: contexts[0].alertmanager.auth: credential file \(keyFile) is readable by group or others"), "\(loose.stdout)")
        #expect(loose.stdout.contains("\(file):15: contexts[1].source.auth: credential variable $LAB_TOKEN is not set"), "\(loose.stdout)")
        chmod(keyFile, 0o600)
        let r = try await chutetop(["config", "check", "--config", file], env.merging(["LAB_TOKEN": "lab-secret-value"]) { $1 })
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("prod (default): prometheus http://127.0.0.1:9; alertmanager http://127.0.0.1:8; bearer token from $PROM_TOKEN (resolved); bearer token from \(keyFile) (resolved)"), "\(r.stdout)")
        #expect(r.stdout.contains("lab: direct, control API http://127.0.0.1:7/api; bearer token from $LAB_TOKEN (resolved)"), "\(r.stdout)")
        for secret in ["prom-secret-value", "am-secret-value", "lab-secret-value"] {
            #expect(!r.stdout.contains(secret) && !r.stderr.contains(secret) && !loose.stdout.contains(secret))
        }
    }

    /// No --config: the user's file first, then the first of $XDG_CONFIG_DIRS that has one.
    @Test func theSystemWideConfigIsFoundAfterTheUsers() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let system = dir.appendingPathComponent("etc-b/chutetop")
        try FileManager.default.createDirectory(at: system, withIntermediateDirectories: true)
        try "contexts:\n  - name: site\n    source: {kind: simulator}\n".write(to: system.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let env = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "XDG_CONFIG_HOME": dir.appendingPathComponent("user").path,
                   "XDG_CONFIG_DIRS": dir.appendingPathComponent("etc-a").path + ":" + dir.appendingPathComponent("etc-b").path]
        let systemWide = try await chutetop(["config", "check"], env)
        #expect(systemWide.status == 0, "\(systemWide.stdout)")
        #expect(systemWide.stdout.contains(system.appendingPathComponent("config.yaml").path + " (found by the search path)"))
        #expect(systemWide.stdout.contains("site (default): simulator"))
        // The user's own file comes first.
        let user = dir.appendingPathComponent("user/chutetop")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try "contexts:\n  - name: mine\n    source: {kind: simulator}\n".write(to: user.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let own = try await chutetop(["config", "check"], env)
        #expect(own.stdout.contains("mine (default): simulator"), "\(own.stdout)")
        // And the dashboard finds the same file.
        let none = try await chutetop(["config", "check"], ["PATH": "/usr/bin:/bin", "HOME": dir.path, "XDG_CONFIG_DIRS": "/nonexistent"])
        #expect(none.status == 3)
        #expect(none.stdout.contains("write one with: chutetop init"))
    }
}
