import FleetEngine
import Dashboard
import Foundation
import TestSupport
import Testing
@testable import LiveServices

/// TLS is verified by default: a self-signed server is refused unless the source explicitly
/// skips verification. The server is `openssl s_server` with a certificate openssl makes here.
@Suite(.enabled(if: UntrustedTLSServer.canRun, "openssl is missing"))
struct TLSVerificationTests {
    @Test func selfSignedIsRefusedUnlessSkippingIsExplicit() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try UntrustedTLSServer(in: dir)
        defer { server.stop() }
        // `openssl s_server -www` answers any GET with a status page.
        let url = server.url + "/metrics"
        var settings = PollSettings()
        settings.connectTimeout = 2
        let verifying = HTTPFetcher(settings: settings, tls: TLSSettings(), authorization: nil)
        var refused: FetchError?
        do { _ = try await verifying.get(url) } catch { refused = error }
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
