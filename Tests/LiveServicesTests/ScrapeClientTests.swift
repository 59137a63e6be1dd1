import Dashboard
import FleetEngine
import Foundation
import Monitoring
import TestSupport
import Testing
@testable import LiveServices

/// The scrape path's connections against raw loopback servers that count what they accept:
/// one kept connection per target across polls, a server that closes after each answer (said
/// or not), HTTP/1.0, chunked and gzip-encoded bodies, and a body over the cap mid-chunk. No
/// assertion reads a clock; the one wait (for a silently closed connection to leave the pool)
/// is on a condition, with a bound far beyond what it takes.
@Suite(.lane(.live), .timeLimit(.minutes(10))) struct ScrapeClientTests {
    /// A metrics page the direct source derives request counters from (about 20 KB).
    static let page = Array(("# TYPE http_requests_total counter\n" + (0..<200).map {
        "http_requests_total{method=\"POST\",path=\"/v1/run/\($0)\",status=\"200\"} \($0 * 7)\n"
    }.joined()).utf8)

    func settings(_ change: (inout PollSettings) -> Void = { _ in }) -> PollSettings { generousSettings(change) }

    func body(_ client: ScrapeClient, _ url: String) async throws(FetchError) -> [UInt8] {
        try await client.get(url, target: url, accept: "text/plain") { head, body in
            head.status == 200 ? Array(body) : []
        }
    }

    func outcome(_ client: ScrapeClient, _ url: String) async -> Result<[UInt8], FetchError> {
        do { return .success(try await body(client, url)) } catch { return .failure(error) }
    }

    func withClient<T>(_ settings: PollSettings, authorization: String? = nil, _ body: (ScrapeClient) async throws -> T) async throws -> T {
        try await shutDownAfter(ScrapeClient(settings: settings, tls: TLSSettings(), authorization: authorization), body)
    }

    /// A direct source polling two targets on one server, every probe five times in turn,
    /// opens two connections: one per target, kept across polls and shared by its probes.
    @Test func oneKeptConnectionPerTargetAcrossPolls() async throws {
        let server = try ScrapeTargetServer(manner: .keepAlive, body: Self.page)
        defer { server.stop() }
        let instances = ["a", "b"].map { DirectSourceConfig.Instance(id: $0, url: server.baseURL($0)) }
        let source = try DirectSource(DirectSourceConfig(chutes: [.init(name: "kept", instances: instances)]), settings: settings())
        let inventory = FleetInventory(chutes: [.init(name: "kept", instances: instances.map { .init(id: $0.id, baseURL: $0.url) })])
        try await shutDownAfter(source) { source throws in
            for _ in 0..<5 {
                for id in ["a", "b"] {
                    for kind in ProbeKind.allCases {
                        let reading = await source.read(PollTarget(InstanceKey(chute: "kept", instance: id), kind), in: inventory, names: .standard)
                        if case .failed(let why) = reading { Issue.record("\(id) \(kind): \(why)") }
                        if kind == .metrics, case .scrape(let digest) = reading { #expect(digest.requests.count == 200) }
                    }
                }
            }
        }
        #expect(server.accepted == 2)
        #expect(server.requests.count == 30)
    }

    /// `Connection: close` after each answer: every poll succeeds on a new connection, and
    /// none is kept.
    @Test func aServerThatClosesAfterEachAnswerGetsANewConnectionPerPoll() async throws {
        let server = try ScrapeTargetServer(manner: .closeAfterEach(announced: true), body: Self.page)
        defer { server.stop() }
        try await withClient(settings()) { client throws in
            for _ in 0..<3 { #expect(try await body(client, server.baseURL("t") + "/metrics") == Self.page) }
            #expect(client.idleConnections == 0)
        }
        #expect(server.accepted == 3)
    }

    /// A server that closes without saying so: the closed connection leaves the pool when it
    /// closes, and the next poll opens a new one (nothing retried).
    @Test func aConnectionClosedWhileIdleIsReopenedByTheNextPoll() async throws {
        let server = try ScrapeTargetServer(manner: .closeAfterEach(announced: false), body: Self.page)
        defer { server.stop() }
        try await withClient(settings()) { client throws in
            let url = server.baseURL("t") + "/metrics"
            #expect(try await body(client, url) == Self.page)
            for _ in 0..<500 where client.idleConnections > 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(client.idleConnections == 0)
            #expect(try await body(client, url) == Self.page)
        }
        #expect(server.accepted == 2)
    }

    /// A target no longer polled (an instance that left the fleet) does not keep its connection
    /// for as long as chutetop runs: once idle past the idle timeout it is closed, at the next
    /// exchange of any target (a review counted 37 open connections for 7 instances after a
    /// few scale-ups and -downs). The timeout is short here; nothing asserts how soon.
    @Test func aConnectionIdlePastTheTimeoutIsClosed() async throws {
        let server = try ScrapeTargetServer(manner: .keepAlive, body: Self.page)
        defer { server.stop() }
        let client = ScrapeClient(settings: settings(), tls: TLSSettings(), authorization: nil, idleTimeout: .milliseconds(200))
        try await shutDownAfter(client) { client throws in
            #expect(try await body(client, server.baseURL("gone") + "/metrics") == Self.page)
            #expect(try await body(client, server.baseURL("stays") + "/metrics") == Self.page)
            #expect(server.openConnections == 2)
            // Only "stays" is polled from now on.
            for _ in 0..<500 where server.openConnections > 1 {
                #expect(try await body(client, server.baseURL("stays") + "/metrics") == Self.page)
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(server.openConnections == 1)
            #expect(client.idleConnections == 1)
        }
        #expect(server.accepted <= 3, "\(server.accepted)")
    }

    /// HTTP/1.0 without a length: the body ends with the connection, which is not kept.
    @Test func anHTTP10AnswerIsReadToTheClose() async throws {
        let server = try ScrapeTargetServer(manner: .http10, body: Self.page)
        defer { server.stop() }
        try await withClient(settings()) { client throws in
            for _ in 0..<3 { #expect(try await body(client, server.baseURL("t") + "/metrics") == Self.page) }
            #expect(client.idleConnections == 0)
        }
        #expect(server.accepted == 3)
    }

    /// Chunked bodies (chunks of 1,000 bytes) are joined whole, and the connection is kept.
    @Test func chunkedBodiesAreJoinedOnAKeptConnection() async throws {
        let server = try ScrapeTargetServer(manner: .chunked(1000), body: Self.page)
        defer { server.stop() }
        try await withClient(settings()) { client throws in
            for _ in 0..<3 { #expect(try await body(client, server.baseURL("t") + "/metrics") == Self.page) }
        }
        #expect(server.accepted == 1)
    }

    /// `Accept-Encoding: gzip` is sent (as Prometheus sends it), the credential too, and a
    /// gzip-encoded page is decoded; the connection is kept.
    @Test func gzipEncodedBodiesAreDecoded() async throws {
        let encoded = try await Self.gzip(Self.page)
        #expect(encoded.count < Self.page.count / 2)
        let server = try ScrapeTargetServer(manner: .gzip(encoded), body: Self.page)
        defer { server.stop() }
        try await withClient(settings(), authorization: "Bearer token") { client throws in
            for _ in 0..<2 { #expect(try await body(client, server.baseURL("t") + "/metrics") == Self.page) }
        }
        #expect(server.accepted == 1)
        #expect(server.requests.count == 2)
        for head in server.requests {
            #expect(head.contains("\r\nAccept-Encoding: gzip"), "\(head)")
            #expect(head.contains("\r\nAuthorization: Bearer token"), "\(head)")
        }
    }

    /// The cap holds for what a gzip body decodes to (2 MiB of zeros in about 2 KB), and a
    /// corrupt one is said to be so.
    @Test func aGzipBodyIsCappedDecodedAndACorruptOneNamed() async throws {
        let bomb = try await Self.gzip([UInt8](repeating: 0, count: 2 * 1_048_576))
        #expect(bomb.count < 10_000)
        let server = try ScrapeTargetServer(manner: .gzip(bomb), body: [])
        defer { server.stop() }
        try await withClient(settings { $0.maxResponseBytes = 1_048_576 }) { client throws in
            #expect(await outcome(client, server.baseURL("t") + "/metrics") == .failure(.tooLarge(limit: 1_048_576)))
        }
        var corrupt = try await Self.gzip(Self.page)
        corrupt.replaceSubrange(20..<60, with: [UInt8](repeating: 0xFF, count: 40))
        let broken = try ScrapeTargetServer(manner: .gzip(corrupt), body: [])
        defer { broken.stop() }
        try await withClient(settings()) { client throws in
            #expect(await outcome(client, broken.baseURL("t") + "/metrics") == .failure(.undecodableBody))
            #expect(FetchError.undecodableBody.description == "the compressed body could not be decoded")
        }
    }

    /// A chunk that says it is 8 MiB long is refused while it arrives, at the 1 MiB cap, and
    /// its connection is not kept.
    @Test func aBodyOverTheCapMidChunkIsRefused() async throws {
        let server = try ScrapeTargetServer(manner: .oversizedChunk(declared: 8 * 1_048_576), body: [])
        defer { server.stop() }
        try await withClient(settings { $0.maxResponseBytes = 1_048_576 }) { client throws in
            let refused = await outcome(client, server.baseURL("t") + "/metrics")
            #expect(refused == .failure(.tooLarge(limit: 1_048_576)))
            #expect(FetchError.tooLarge(limit: 1_048_576).description == "response larger than 1 MiB")
            #expect(client.idleConnections == 0)
        }
    }

    /// `bytes` as `gzip -n` writes them.
    static func gzip(_ bytes: [UInt8]) async throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-gzip-\(UUID().uuidString)").path
        defer { unlink(path); unlink(path + ".gz") }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try await ChildProcess.runOffPool(["gzip", "-n", "-f", path])
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gzip: \(r.stderr)"]) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
    }
}
