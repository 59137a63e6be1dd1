import FleetEngine
import Dashboard
import Foundation
import TestSupport
import Testing
@testable import LiveServices

/// TLS is verified by default: a self-signed server is refused unless the source explicitly
/// skips verification. The server is `openssl s_server` with a certificate openssl makes here.
@Suite(.enabled(if: SelfSignedServer.canRun, "openssl is missing"))
struct TLSVerificationTests {
    @Test func selfSignedIsRefusedUnlessSkippingIsExplicit() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("key.pem").path, cert = dir.appendingPathComponent("cert.pem").path
        let made = try ChildProcess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        try #require(made.status == 0, "\(made.stderr)")
        let port = BackgroundProcess.freePort()
        // `openssl s_server -www` answers any GET with a status page.
        let server = try BackgroundProcess(["openssl", "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www"],
                                           logPath: dir.appendingPathComponent("server.log").path)
        defer { server.stop() }
        let url = "https://127.0.0.1:\(port)/metrics"
        var settings = PollSettings()
        settings.connectTimeout = 2
        let verifying = HTTPFetcher(settings: settings, tls: TLSSettings(), authorization: nil)
        var refused: FetchError?
        for _ in 0..<50 {  // until the server listens
            do { _ = try await verifying.get(url); break } catch {
                refused = error
                if case .tls = error { break }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        await verifying.shutdown()
        guard case .tls(let message) = refused else { Issue.record("expected a TLS error, got \(String(describing: refused))"); return }
        #expect(message == "certificate not trusted (verification failed)")
        let skipping = HTTPFetcher(settings: settings, tls: TLSSettings(insecureSkipVerify: true), authorization: nil)
        let answer = try await skipping.get(url)
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("s_server"))
        await skipping.shutdown()
    }
}

enum SelfSignedServer {
    /// Under CI=true a missing openssl fails the suite instead of skipping it.
    static var canRun: Bool { TestEnvironment.shouldRun(needing: TestEnvironment.commandWorks(["openssl", "version"])) }
}
