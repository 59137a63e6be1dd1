import FleetEngine
import Dashboard
import Hummingbird
import TestSupport
import TestLanes
import Testing
@testable import LiveServices

/// The fetcher's limits against a real loopback server: size cap, redirect cap, a refused
/// connection and a read timeout, each a clear error.
@Suite(.lane(.live)) struct FetchLimitTests {
    /// Timeouts far beyond what a loopback answer takes, so only the limit under test can end a
    /// request even when a full parallel run starves this process's event loops (a CI run saw
    /// "no complete response within 2 s" on loopback redirects with 1 s + 1 s).
    func settings(_ change: (inout PollSettings) -> Void = { _ in }) -> PollSettings {
        var s = PollSettings()
        s.connectTimeout = 10
        s.readTimeout = 20
        change(&s)
        return s
    }

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

    func result(_ fetcher: HTTPFetcher, _ url: String) async -> Result<HTTPFetcher.Response, FetchError> {
        do { return .success(try await fetcher.get(url)) } catch { return .failure(error) }
    }

    @Test func aResponseOverTheCapIsAnError() async throws {
        let s = try await server()
        defer { s.stop() }
        let fetcher = HTTPFetcher(settings: settings { $0.maxResponseBytes = 100_000 }, tls: TLSSettings(), authorization: nil)
        try await shutDownAfter(fetcher) { fetcher throws in
            #expect(try await fetcher.get(s.baseURL + "/small").body == Array("ok".utf8))
            guard case .failure(let e) = await result(fetcher, s.baseURL + "/big") else { Issue.record("no error"); return }
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

    @Test func redirectsAreFollowedUpToTheCap() async throws {
        let s = try await server()
        defer { s.stop() }
        let fetcher = HTTPFetcher(settings: settings { $0.maxRedirects = 3 }, tls: TLSSettings(), authorization: nil)
        try await shutDownAfter(fetcher) { fetcher throws in
            #expect(try await fetcher.get(s.baseURL + "/hop").body == Array("ok".utf8))
            guard case .failure(let e) = await result(fetcher, s.baseURL + "/loop") else { Issue.record("no error"); return }
            #expect(e == .tooManyRedirects)
        }
        let none = HTTPFetcher(settings: settings { $0.maxRedirects = 0 }, tls: TLSSettings(), authorization: nil)
        try await shutDownAfter(none) { none throws in
            #expect(try await none.get(s.baseURL + "/hop").status == 302)
        }
    }

    @Test func refusedAndSlowTargetsFailWithTheirCause() async throws {
        let s = try await server()
        defer { s.stop() }
        // Read timeout 1 s, the whole request's deadline 30 s: a silent server is ended by the
        // read timeout, and says so (the deadline would say "no complete response within 30 s").
        // How soon is asserted end to end in a process of its own (`HostileFleetTests`).
        let fetcher = HTTPFetcher(settings: settings { $0.connectTimeout = 29; $0.readTimeout = 1 }, tls: TLSSettings(), authorization: nil)
        try await shutDownAfter(fetcher) { fetcher throws in
            let closed = BackgroundProcess.refusingPort()  // bound, never listening: refused
            guard case .failure(let refused) = await result(fetcher, "http://127.0.0.1:\(closed)/metrics") else { Issue.record("no error"); return }
            #expect(refused == .connectionRefused)
            guard case .failure(let slow) = await result(fetcher, s.baseURL + "/slow") else { Issue.record("no error"); return }
            #expect(slow.description == "no data for 1 s (read timeout)")
        }
    }
}
