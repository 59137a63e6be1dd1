import Foundation
import TestSupport
import Testing

/// Rates are right from the second scrape: 10 s after `chutetop demo` starts, with 10 s of a
/// 60 s window seen, every chute's rate on screen is within 5 % of what the simulator counted
/// over the seconds the banner says the rates cover ("over N s"), read from its `/sim/truth`.
/// (PromQL's extrapolation over a window mostly empty read several times lower.)
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct FirstMinuteRatesTests {
    @Test func everyChutesRateTenSecondsAfterStartIsTheSimulatorsCount() async throws {
        let tmux = try DashboardFlowTests.demo("--scenario steady --seed 4")
        let started = ContinuousClock.now
        let shell = try tmux.shellPID()
        try await tmux.waitFor(text: "bge-m3")
        try await Task.sleep(until: started + .seconds(10))
        let screen = try await tmux.waitFor("a rate for every chute") { screen in
            let rows = DashboardFlowTests.rows(screen)
            return rows.count == 9 && rows.allSatisfy { $0.rate != nil } && Self.span(screen) != nil
        }
        // Read at once: the simulator's count over the same (most recent) seconds.
        let port = try #require(try await ListeningPorts.waitingFor(shell).first, "the demo's simulator port")
        let span = try #require(Self.span(screen))
        #expect(span < 60, "the banner marks rates over less than the window: \(span)")
        let truth = try Self.truth(port: port, window: span)
        for row in DashboardFlowTests.rows(screen) {
            let counted = try #require(truth[row.name], "no truth for \(row.name)")
            let rate = try #require(row.rate)
            #expect(abs(rate - counted) <= 0.05 * counted, "\(row.name): on screen \(rate), simulator counted \(counted)/s over \(span) s")
        }
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    /// The banner's "… req/s over N s".
    static func span(_ screen: String) -> Int? {
        guard let banner = screen.split(separator: "\n").first, let r = banner.range(of: #"req/s over (\d+) s"#, options: .regularExpression) else { return nil }
        return Int(banner[r].split(separator: " ")[2])
    }

    /// Each chute's counted request rate over the last `window` seconds.
    static func truth(port: Int, window: Int) throws -> [String: Double] {
        let r = try ChildProcess.run(["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/sim/truth?window=\(window)"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let chutes = try #require(json["chutes"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: chutes.compactMap { c in
            (c["name"] as? String).flatMap { name in (c["counted_request_rate"] as? Double).map { (name, $0) } }
        })
    }
}
