import Dashboard
import FleetEngine
import Foundation
import Monitoring
import TestSupport
import TestLanes
import Testing
@testable import LiveServices

/// The fault matrix at the fetcher and the direct source: a real loopback server that hangs,
/// drips, overflows, resets, answers garbage, loops redirects or serves a proxy's error page,
/// and a refused port. Each failure comes back named in an operator's words, for health,
/// readiness, metrics and logs; "no complete response within 10 s" can only come from the
/// deadline. How soon (within the deadline + 1 s) is asserted end to end, where chutetop runs
/// in a process of its own (`HostileFleetTests`): here the test process's few pool threads are
/// shared with every suite running at once, and a bound on them measures the suite's load. The
/// time limit catches a request that is never cut off (10 minutes: it counts from the test's
/// start, and in the live lane a test can wait minutes for its turn).
@Suite(.lane(.live), .timeLimit(.minutes(10))) struct FetchFaultTests {
    /// Connect 2 s + read 8 s: every request ends within 10 s, whatever the peer does (generous,
    /// so a loaded machine does not read a healthy stream as silent). The faults that are not
    /// about time (a reset, garbage, a redirect loop, an error page, a size cap, a refused port)
    /// are read with a read timeout of 50 s instead (`timed: false`): they end in milliseconds, so
    /// only their own cause can end them, even when a full parallel run starves this process's
    /// event loops for seconds (a CI run read a reset as "no data for 8 s").
    static func settings(timed: Bool = true) -> PollSettings {
        var s = PollSettings()
        s.connectTimeout = 2
        s.readTimeout = timed ? 8 : 50
        s.maxResponseBytes = 1_048_576
        s.maxRedirects = 3
        return s
    }

    /// The behaviours whose failure is a timeout: read with `settings(timed: true)`.
    static let timedBehaviours: Set<String> = ["hang", "drip", "ok", "bad-utf8"]

    /// What each behaviour must read as, for health, readiness and metrics.
    static let expected: [(HostileServer.Behaviour, String)] = [
        (.hang, "no data for 8 s (read timeout)"),
        (.drip, "no complete response within 10 s"),
        (.big, "response larger than 1 MiB"),
        (.reset, "connection reset by peer"),
        (.garbage, "not an HTTP response"),
        (.redirectLoop, "too many redirects"),
        (.htmlError, "HTTP 503 Service Temporarily Unavailable"),
    ]

    /// Two direct sources over the server's behaviours: the timed ones (`timedBehaviours`) and
    /// the rest with a long read timeout; `in` answers which serves an instance.
    struct Sources {
        let timed: DirectSource, untimed: DirectSource
        let inventory: FleetInventory
        func serving(_ id: String) -> DirectSource { FetchFaultTests.timedBehaviours.contains(id) ? timed : untimed }
        func shutdown() async {
            await timed.shutdown()
            await untimed.shutdown()
        }
    }

    func sources(_ server: HostileServer, refusedPort: Int) throws -> Sources {
        var instances = Self.expected.map { DirectSourceConfig.Instance(id: $0.0.rawValue, url: server.baseURL($0.0)) }
        instances.append(.init(id: "refused", url: "http://127.0.0.1:\(refusedPort)"))
        instances.append(.init(id: "ok", url: server.baseURL(.ok)))
        instances.append(.init(id: "bad-utf8", url: server.baseURL(.badUTF8)))
        let config = DirectSourceConfig(chutes: [.init(name: "hostile", instances: instances)])
        let inventory = FleetInventory(chutes: [.init(name: "hostile", instances: instances.map { .init(id: $0.id, baseURL: $0.url) })])
        return Sources(timed: try DirectSource(config, settings: Self.settings(timed: true)),
                       untimed: try DirectSource(config, settings: Self.settings(timed: false)), inventory: inventory)
    }

    func failure(_ r: SourceReading) -> String? {
        if case .failed(let e) = r { return e }
        return nil
    }

    @Test func everyProbeOfEveryHostileTargetFailsNamed() async throws {
        let server = try HostileServer()
        defer { server.stop() }
        let sources = try sources(server, refusedPort: BackgroundProcess.refusingPort())
        // All at once, as a poll round does: one target's fault must not hold another's.
        let cases = (Self.expected + [(.ok, ""), (.badUTF8, "")]).map { ($0.0.rawValue, $0.1) } + [("refused", "connection refused")]
        let results = await withTaskGroup(of: (String, ProbeKind, SourceReading).self) { group in
            for (id, _) in cases {
                for kind in ProbeKind.allCases {
                    group.addTask {
                        (id, kind, await sources.serving(id).read(PollTarget(InstanceKey(chute: "hostile", instance: id), kind), in: sources.inventory, names: .standard))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await sources.shutdown()
        for (id, kind, reading) in results {
            let want = cases.first { $0.0 == id }!.1
            if want.isEmpty {
                #expect(failure(reading) == nil, "\(id) \(kind): \(reading)")
            } else {
                #expect(failure(reading) == want, "\(id) \(kind)")
            }
        }
        // Invalid UTF-8 in a label value: the page is read and that line skipped and counted
        // (as Prometheus refuses it), not the whole scrape failed.
        let utf8 = try #require(results.first { $0.0 == "bad-utf8" && $0.1 == .metrics }?.2)
        guard case .scrape(let digest) = utf8 else { Issue.record("no scrape: \(utf8)"); return }
        #expect(digest.skippedLines == 1 && digest.requests.isEmpty, "\(digest)")
    }

    /// The dripping body is cut off at the deadline with its own words. (That its connection is
    /// closed is checked end to end, in a chutetop process of its own,
    /// `HostileFleetTests.dashboardShowsEveryFaultAndStaysResponsive`: in this test process the
    /// client's event loops are shared with every suite running at once, and a full parallel run
    /// delayed the close past 30 s where a run of this suite alone closed it at once.)
    @Test(arguments: HTTPPath.allCases) func aDrippingBodyIsCutOffAtTheDeadline(_ path: HTTPPath) async throws {
        let server = try HostileServer()
        defer { server.stop() }
        let client = PathClient(path, settings: Self.settings())
        do {
            _ = try await client.get(server.baseURL(.drip) + "/metrics")
            Issue.record("a dripping body was accepted")
        } catch {
            #expect(error == .noCompleteResponse(seconds: 10))
            #expect(error.description == "no complete response within 10 s")
        }
        await client.shutdown()
    }

    /// A streamed exchange (the platform's warm-up) is bounded as a whole too: a peer that keeps
    /// sending bytes is cut off at the exchange's timeout, not only a silent one.
    @Test func aStreamedExchangeEndsAtItsTimeoutWhateverThePeerSends() async throws {
        let server = try HostileServer()
        defer { server.stop() }
        let fetcher = HTTPFetcher(settings: Self.settings(), tls: TLSSettings(), authorization: nil)
        do {
            _ = try await fetcher.sendStreaming(method: "GET", url: server.baseURL(.drip) + "/metrics", headers: [], body: nil, timeout: 2) { _ in true }
            Issue.record("a dripping stream was read to an end")
        } catch {
            #expect(error == .noCompleteResponse(seconds: 2), "\(error)")
        }
        await fetcher.shutdown()
    }

    /// Log streams: silence ended at the read timeout, a stream that never completes a line
    /// ended as stalled, every other fault named; a healthy stream keeps flowing, and invalid UTF-8
    /// arrives replaced, never raw.
    @Test func logStreamsFailNamed() async throws {
        let server = try HostileServer()
        defer { server.stop() }
        let sources = try sources(server, refusedPort: BackgroundProcess.refusingPort())
        do {
            let cases: [(String, String)] = [
                ("hang", "no data for 8 s (read timeout)"), ("drip", "the stream stalled: no complete line for 10 s"),
                ("reset", "connection reset by peer"), ("garbage", "not an HTTP response"), ("redirect-loop", "too many redirects"),
                ("html-error", "HTTP 503 Service Temporarily Unavailable"), ("refused", "connection refused"),
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (id, want) in cases {
                    group.addTask {
                        var failure: String?
                        do {
                            for try await _ in sources.serving(id).logs(of: InstanceKey(chute: "hostile", instance: id), in: sources.inventory, backfill: 0) {}
                        } catch { failure = "\(error)" }
                        #expect(failure == want, "\(id)")
                    }
                }
                for id in ["ok", "bad-utf8"] {
                    group.addTask {
                        var lines: [LogEntry] = []
                        for try await entry in sources.serving(id).logs(of: InstanceKey(chute: "hostile", instance: id), in: sources.inventory, backfill: 0) {
                            lines.append(entry)
                            if lines.count == 35 { break }  // 7 s of lines: past every deadline
                        }
                        #expect(lines.count == 35, "\(id)")
                        if id == "bad-utf8" {
                            #expect(lines.allSatisfy { $0.message.contains("\u{FFFD}") && $0.message.hasSuffix(" end") }, "\(lines.map(\.message))")
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            await sources.shutdown()
            throw error
        }
        await sources.shutdown()
    }
}
