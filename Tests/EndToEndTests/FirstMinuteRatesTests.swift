import Foundation
import TestSupport
import TestLanes
import Testing

/// Rates are right from the second scrape: 10 s after `chutetop demo` starts, with 10 s of a
/// 60 s window seen, every chute's rate on screen is within 5 % of what the simulator counted
/// over the seconds the banner says the rates cover ("over N s"), read from its `/sim/truth`.
/// (PromQL's extrapolation over a window mostly empty read several times lower.)
@Suite(.lane(.live), .serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct FirstMinuteRatesTests {
    @Test func everyChutesRateTenSecondsAfterStartIsTheSimulatorsCount() async throws {
        let tmux = try DashboardFlowTests.demo("--scenario steady --seed 4")
        let started = ContinuousClock.now
        let shell = try tmux.shellPID()
        try await tmux.waitFor(text: "bge-m3")
        try await Task.sleep(until: started + .seconds(10))
        let screen = try await tmux.waitFor("a rate for every chute") { screen in
            let rows = DashboardFlowTests.rows(screen)
            return rows.count == 10 && rows.allSatisfy { $0.rate != nil } && Self.span(screen) != nil
        }
        // The simulator's count over the seconds the screen says: `span` seconds ending when the
        // data was read ("data N s" ago). The screen states both in whole seconds, so the
        // truth is read for the stated end, a second after it and up to three before, and the
        // nearest is taken: a chute at 1.2 req/s over 5 s moves by 17 % with one request, the
        // rounding of a stated age can shift the window by a second, and on a loaded machine
        // the frame captured can be a second or two older than the clock read after it (a
        // parallel run read a chute 11 req/s off at ±1 s). An understated rate (the old
        // extrapolation read several times lower) matches none of them.
        let now = Date().timeIntervalSince1970
        let port = try #require(try await ListeningPorts.waitingFor(shell).first, "the demo's simulator port")
        let span = try #require(Self.span(screen))
        let age = try #require(Self.dataAge(screen), "the banner states the data's age")
        #expect(span < 60, "the banner marks rates over less than the window: \(span)")
        let truths = try [-3.0, -2, -1, 0, 1].map { try Self.truth(port: port, window: span, at: now - Double(age) + $0) }
        for row in DashboardFlowTests.rows(screen) {
            let counted = try truths.map { try #require($0[row.name], "no truth for \(row.name)") }
            let rate = try #require(row.rate)
            let nearest = counted.min { abs($0 - rate) < abs($1 - rate) }!
            // 5 %, plus one request over the span (the stated span is rounded: over the
            // shortest it can be). A count over a few seconds moves by whole requests: a chute
            // at 1 req/s reads 1.2 with one request more, as the scrape's instants fall against
            // the simulated seconds' edges. An understated rate (several times lower) is caught
            // for every chute above 2 req/s.
            #expect(abs(rate - nearest) <= 0.05 * nearest + 1.0 / Double(max(1, span - 1)),
                    "\(row.name): on screen \(rate), simulator counted \(counted)/s over \(span) s ending \(age) s ago (-3 s to +1 s)")
        }
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    /// The banner's "… req/s over N s" (said "…/s over N s" when the banner is short of room).
    static func span(_ screen: String) -> Int? {
        guard let banner = screen.split(separator: "\n").first, let r = banner.range(of: #"/s over (\d+) s"#, options: .regularExpression) else { return nil }
        return Int(banner[r].split(separator: " ")[2])
    }

    /// The banner's "data N s": how long ago the figures were read.
    static func dataAge(_ screen: String) -> Int? {
        guard let banner = screen.split(separator: "\n").first, let r = banner.range(of: #"data (\d+)s"#, options: .regularExpression) else { return nil }
        return Int(banner[r].dropFirst(5).dropLast())
    }

    /// Each chute's counted request rate over the `window` seconds ending at `at` (epoch seconds).
    static func truth(port: Int, window: Int, at: Double) throws -> [String: Double] {
        let r = try ChildProcess.run(["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/sim/truth?window=\(window)&at=\(at)"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let chutes = try #require(json["chutes"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: chutes.compactMap { c in
            (c["name"] as? String).flatMap { name in (c["counted_request_rate"] as? Double).map { (name, $0) } }
        })
    }
}
