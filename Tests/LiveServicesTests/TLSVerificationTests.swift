import FleetEngine
import Dashboard
import Foundation
import TestSupport
import TestLanes
import Testing
@testable import LiveServices

/// TLS is verified by default: a self-signed server is refused unless the source explicitly
/// skips verification, and the refusal says what is wrong with the certificate (an unknown
/// issuer, another host's name, expired). The servers are `openssl s_server` with certificates
/// openssl makes here. Both paths: AsyncHTTPClient's fetcher and the scrape client.
@Suite(.lane(.live), .enabled(if: UntrustedTLSServer.canRun, "openssl is missing"))
struct TLSVerificationTests {
    static let cases: [(UntrustedTLSServer.Certificate, String)] = [
        (.selfSigned, "certificate not trusted (self-signed or from an unknown issuer)"),
        (.forName("chutes.example"), "certificate name mismatch: it is for chutes.example, not 127.0.0.1 (and not trusted)"),
        (.expired, "certificate expired on 2020-01-02"),
    ]

    @Test(arguments: 0..<cases.count, HTTPPath.allCases)
    func aRejectedCertificateIsRefusedWithItsReasonUnlessSkippingIsExplicit(_ k: Int, _ path: HTTPPath) async throws {
        let (certificate, reason) = Self.cases[k]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try UntrustedTLSServer(in: dir, certificate: certificate)
        defer { server.stop() }
        // `openssl s_server -www` answers any GET with a status page.
        let url = server.url + "/metrics"
        // 10 s to connect: the refusal is not about time, and a full parallel run kept a 2 s
        // connect (and handshake) from finishing ("timed out connecting (2 s)").
        var settings = PollSettings()
        settings.connectTimeout = 10
        let verifying = PathClient(path, settings: settings)
        var refused: FetchError?
        do { _ = try await verifying.get(url) } catch { refused = error }
        await verifying.shutdown()
        #expect(refused == .tls(reason))
        #expect(refused?.description == "TLS: " + reason)
        let skipping = PathClient(path, settings: settings, tls: TLSSettings(insecureSkipVerify: true))
        let answer = try await shutDownAfter(skipping) { try await $0.get(url) }
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("s_server"))
    }
}
