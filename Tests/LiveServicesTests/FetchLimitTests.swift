import FleetEngine
import Dashboard
import Hummingbird
import TestSupport
import TestLanes
import Testing
@testable import LiveServices

/// The limits against a real loopback server, on both paths (AsyncHTTPClient's fetcher and the
/// scrape client): size cap, redirect cap, a refused connection and a read timeout, each a
/// clear error.
@Suite(.lane(.live)) struct FetchLimitTests {
    func settings(_ change: (inout PollSettings) -> Void = { _ in }) -> PollSettings { generousSettings(change) }

    func server() async throws -> LoopbackServer {
        let router = Router()
        router.get("big") { _, _ in String(repeating: "x", count: 300_000) }
        router.get("small") { _, _ in "ok" }
        router.get("loop") { _, _ in Response(status: .found, headers: [.location: "/loop"]) }
        router.get("hop") { _, _ in Response(status: .found, headers: [.location: "/small"]) }
        router.get("slow") { _, _ in
            try await Task.sleep(for: .seconds(60))
            return "late"
        }
        return try await LoopbackServer.start(router)
    }

    @Test(arguments: HTTPPath.allCases) func aResponseOverTheCapIsAnError(_ path: HTTPPath) async throws {
        let s = try await server()
        defer { s.stop() }
        let client = PathClient(path, settings: settings { $0.maxResponseBytes = 100_000 })
        try await shutDownAfter(client) { client throws in
            #expect(try await client.get(s.baseURL + "/small").body == Array("ok".utf8))
            guard case .failure(let e) = await client.result(s.baseURL + "/big") else { Issue.record("no error"); return }
            #expect(e == .tooLarge(limit: 100_000))
            #expect(e.description == "response larger than 100000 bytes")
        }
    }

    /// A path that throws before `shutdown` (a failed `#require` in a test did) drops the
    /// fetcher with its client open: AsyncHTTPClient traps on that in a debug build, taking the
    /// whole process down, unless the fetcher shuts the client down itself.
    @Test func aFetcherDroppedWithoutShutdownDoesNotTrap() async throws {
        let s = try await server()
        defer { s.stop() }
        do {
            let dropped = HTTPFetcher(settings: settings(), tls: TLSSettings(), authorization: nil)
            #expect(try await dropped.get(s.baseURL + "/small").body == Array("ok".utf8))
        }
        // Another request after the drop: the process is still here to send it.
        let fetcher = HTTPFetcher(settings: settings(), tls: TLSSettings(), authorization: nil)
        try await shutDownAfter(fetcher) { fetcher throws in
            #expect(try await fetcher.get(s.baseURL + "/small").body == Array("ok".utf8))
        }
    }

    @Test(arguments: HTTPPath.allCases) func redirectsAreFollowedUpToTheCap(_ path: HTTPPath) async throws {
        let s = try await server()
        defer { s.stop() }
        let client = PathClient(path, settings: settings { $0.maxRedirects = 3 })
        try await shutDownAfter(client) { client throws in
            #expect(try await client.get(s.baseURL + "/hop").body == Array("ok".utf8))
            guard case .failure(let e) = await client.result(s.baseURL + "/loop") else { Issue.record("no error"); return }
            #expect(e == .tooManyRedirects)
        }
        let none = PathClient(path, settings: settings { $0.maxRedirects = 0 })
        try await shutDownAfter(none) { none throws in
            #expect(try await none.get(s.baseURL + "/hop").status == 302)
        }
    }

    /// The credential follows a redirect within its origin and is dropped by one that leaves
    /// it (AsyncHTTPClient's rule, kept by the scrape path).
    @Test(arguments: HTTPPath.allCases) func aRedirectToAnotherOriginDropsTheCredential(_ path: HTTPPath) async throws {
        func echoing(_ away: String?) -> Router<BasicRequestContext> {
            let router = Router()
            router.get("echo") { request, _ in request.headers[.authorization] ?? "none" }
            router.get("here") { _, _ in Response(status: .found, headers: [.location: "/echo"]) }
            if let away { router.get("away") { _, _ in Response(status: .found, headers: [.location: away + "/echo"]) } }
            return router
        }
        let other = try await LoopbackServer.start(echoing(nil))
        defer { other.stop() }
        let s = try await LoopbackServer.start(echoing(other.baseURL))
        defer { s.stop() }
        let client = PathClient(path, settings: settings(), authorization: "Bearer secret")
        try await shutDownAfter(client) { client throws in
            #expect(String(decoding: try await client.get(s.baseURL + "/here").body, as: UTF8.self) == "Bearer secret")
            #expect(String(decoding: try await client.get(s.baseURL + "/away").body, as: UTF8.self) == "none")
        }
    }

    @Test(arguments: HTTPPath.allCases) func refusedAndSlowTargetsFailWithTheirCause(_ path: HTTPPath) async throws {
        let s = try await server()
        defer { s.stop() }
        // Read timeout 1 s, the whole request's deadline 30 s: a silent server is ended by the
        // read timeout, and says so (the deadline would say "no complete response within 30 s").
        // How soon is asserted end to end in a process of its own (`HostileFleetTests`).
        let client = PathClient(path, settings: settings { $0.connectTimeout = 29; $0.readTimeout = 1 })
        try await shutDownAfter(client) { client throws in
            let closed = BackgroundProcess.refusingPort()  // bound, never listening: refused
            guard case .failure(let refused) = await client.result("http://127.0.0.1:\(closed)/metrics") else { Issue.record("no error"); return }
            #expect(refused == .connectionRefused)
            guard case .failure(let slow) = await client.result(s.baseURL + "/slow") else { Issue.record("no error"); return }
            #expect(slow.description == "no data for 1 s (read timeout)")
        }
    }

    /// A name DNS does not know was reported as "connection failed": an operator who mistyped a
    /// host in the config went looking for a network fault.
    @Test(arguments: HTTPPath.allCases) func aHostNameThatDoesNotResolveIsSaidSo(_ path: HTTPPath) async throws {
        let client = PathClient(path, settings: settings())
        try await shutDownAfter(client) { client in
            // `.invalid` never resolves (RFC 2606).
            guard case .failure(let e) = await client.result("http://no-such-chute.invalid:8000/metrics") else { Issue.record("no error"); return }
            #expect(e.description == "the host name 'no-such-chute.invalid' does not resolve (DNS)", "\(e)")
        }
    }
}
