import Foundation
import TestSupport
import TestLanes
import Testing

/// The real binary against a hostile loopback fleet: one chute whose instances each misbehave
/// one way (hang, drip, oversized body, reset, garbage, redirect loop, proxy error page,
/// invalid UTF-8, untrusted TLS, refused port) beside a chute of well-behaved instances.
/// `snapshot` returns within its window plus one request deadline and names every fault;
/// the dashboard shows each fault within its deadline, raises target-down for it, keeps the
/// good chute's figures and answers keys throughout.
@Suite(.lane(.live), .serialized) struct HostileFleetTests {
    /// The faulty instances (id = behaviour) and what each probe must read as. The TLS
    /// instance is added when openssl can serve it.
    static let faults: [(id: String, error: String)] = [
        ("hang", "no data for 2 s (read timeout)"),
        ("drip", "no complete response within 3 s"),
        ("big", "response larger than 1 MiB"),
        ("reset", "connection reset by peer"),
        ("garbage", "not an HTTP response"),
        ("redirect-loop", "too many redirects"),
        ("html-error", "HTTP 503 Service Temporarily Unavailable"),
        ("refused", "connection refused"),
    ]
    static let tlsError = "TLS: certificate not trusted (self-signed or from an unknown issuer)"

    /// A fleet on a hostile server (and an untrusted TLS server), and a config to read it with
    /// connect 1 s + read 2 s: every request's deadline is 3 s.
    final class Fleet {
        let server: HostileServer
        let tls: UntrustedTLSServer?
        let dir: URL
        let config: String
        /// The good chute alone, with the same poll settings.
        let goodOnlyConfig: String

        init(poll: String = "") throws {
            let server = try HostileServer()
            self.server = server
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-hostile-\(UUID().uuidString)")
            self.dir = dir
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let tls = UntrustedTLSServer.canRun ? try UntrustedTLSServer(in: dir) : nil
            self.tls = tls
            let refused = BackgroundProcess.refusingPort()
            var hostile = HostileFleetTests.faults.filter { $0.id != "refused" }.map { "{id: \($0.id), url: \"\(server.baseURL(.init(rawValue: $0.id)!))\"}" }
            hostile.append("{id: refused, url: \"http://127.0.0.1:\(refused)\"}")
            hostile.append("{id: bad-utf8, url: \"\(server.baseURL(.badUTF8))\"}")
            if let tls { hostile.append("{id: tls, url: \"\(tls.url)\"}") }
            // One context file per chute set, with the same poll settings (each request's
            // deadline 3 s): the hostile fleet, and the good chute alone.
            let good = "        - name: good\n          instances: [{id: ok-1, url: \"\(server.baseURL(.ok))\"}, {id: ok-2, url: \"\(server.baseURL(.ok))\"}]"
            let write = { (name: String, chutes: [String]) throws -> String in
                let path = dir.appendingPathComponent("\(name).yaml").path
                try """
                    contexts:
                      - name: \(name)
                        source:
                          kind: direct
                          chutes:
                    \(chutes.joined(separator: "\n"))
                        poll: {connectTimeout: 1s, readTimeout: 2s, maxResponseSize: 1MiB, maxRedirects: 3\(poll)}
                    """.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            config = try write("hostile-fleet", ["        - name: hostile\n          instances: [\(hostile.joined(separator: ", "))]", good])
            goodOnlyConfig = try write("good-fleet", [good])
        }

        deinit {
            server.stop()
            tls?.stop()
            try? FileManager.default.removeItem(at: dir)
        }

        var expected: [(id: String, error: String)] { HostileFleetTests.faults + (tls == nil ? [] : [("tls", HostileFleetTests.tlsError)]) }
    }

    @Test func snapshotNamesEveryFaultAndReturnsWithinItsDeadline() async throws {
        let fleet = try Fleet()
        let snapshot = { (config: String) async throws -> (ChildProcess.Result, Duration) in
            let started = ContinuousClock.now
            let r = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "snapshot", "--config", config, "--window", "2", "--json"],
                                                      environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
            return (r, ContinuousClock.now - started)
        }
        // The same snapshot of the good chute alone, just before: what starting the binary and
        // the 2 s window cost on this machine now (under a loaded parallel test run, seconds).
        let (_, healthy) = try await snapshot(fleet.goodOnlyConfig)
        let (r, took) = try await snapshot(fleet.config)
        // The hostile targets add one request deadline (3 s) at most, + 1 s: a dripping target
        // is cut off, not waited for (before the deadline it held the snapshot forever).
        #expect(took - healthy < .seconds(3 + 1), "took \(took), the good chute alone \(healthy)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let chutes = try #require(out["chutes"] as? [[String: Any]])
        let hostile = try #require(chutes.first { $0["name"] as? String == "hostile" }?["instances"] as? [[String: Any]])
        let alerts = (out["alerts"] as? [[String: Any]] ?? []).filter { $0["state"] as? String == "firing" }.compactMap { $0["id"] as? String }
        for (id, error) in fleet.expected {
            let instance = try #require(hostile.first { $0["id"] as? String == id }, "\(id)")
            for probe in ["health", "ready", "metrics"] {
                #expect((instance[probe] as? [String: Any])?["error"] as? String == error, "\(id) \(probe): \(instance[probe] ?? "none")")
            }
            #expect(alerts.contains("target-down@hostile/\(id)"), "\(id): \(alerts)")
        }
        // Invalid UTF-8 in a label value: the line skipped and counted, not the target failed.
        let utf8 = try #require(hostile.first { $0["id"] as? String == "bad-utf8" })
        #expect((utf8["metrics"] as? [String: Any])?["error"] == nil && (utf8["health"] as? [String: Any])?["status"] as? String == "pass", "\(utf8)")
        #expect(utf8["skippedLines"] as? Int == 1, "\(utf8)")
        // The good chute: every figure as if nothing else were wrong (10 requests/s each).
        let good = try #require(chutes.first { $0["name"] as? String == "good" })
        let rate = try #require((good["requestRate"] as? [String: Any])?["value"] as? Double, "\(good)")
        #expect(abs(rate - 20) <= 2, "\(rate)")
        for i in try #require(good["instances"] as? [[String: Any]]) {
            #expect((i["health"] as? [String: Any])?["status"] as? String == "pass" && (i["metrics"] as? [String: Any])?["error"] == nil, "\(i)")
        }
        #expect(!alerts.contains { $0.contains("@good") }, "\(alerts)")
    }

    /// The dashboard on the same fleet: the chute view lists each instance's error within the
    /// first poll interval plus its deadline plus 1 s; a dripping log stream is shown stalled
    /// and invalid UTF-8 in log lines replaced; target-down fires for the drip; the good chute
    /// has its rate; and keys are answered while the dripping requests are in flight.
    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func dashboardShowsEveryFaultAndStaysResponsive() async throws {
        let fleet = try Fleet(poll: ", health: 1s, ready: 1s, metrics: 2s")
        let command = "\(try BuildProducts.executable("chutetop")) --config \(fleet.config) --log-file /tmp/chutetop-e2e.log"
        let tmux = try TmuxSession(width: 200, height: 50, shellCommand: TerminalLifecycleTests.wrapped(command))
        try await tmux.waitFor(text: "2 chutes (")  // listed: keys now act on rows
        let firstFrame = ContinuousClock.now
        // Keys are answered while the hostile requests hang: help opens and closes.
        try tmux.send("?")
        // (Each within less than one request deadline: the screen never waits on a request.)
        try await tmux.waitFor(text: "Keys: Fleet", timeout: .seconds(3))
        try tmux.send("Escape")
        try await tmux.waitFor("help closed", timeout: .seconds(3)) { !$0.contains("Keys: Fleet") }
        // Into the hostile chute: every instance's error, in words.
        try tmux.send("/")
        try tmux.send("-l", "hostile")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "filter: hostile")
        try tmux.send("g", "Enter")
        try await tmux.waitFor(text: "Fleet ▶ hostile")
        // The instances table shows each one's newest error (cut to its column's width).
        let everyError = { (screen: String) in fleet.expected.allSatisfy { screen.contains($0.error.prefix(30)) } }
        let screen = try await tmux.waitFor("every instance's error", timeout: .seconds(20), everyError)
        // The first poll of each target starts within its interval (2 s at most): + deadline + 1 s.
        #expect(ContinuousClock.now - firstFrame < .seconds(2 + 3 + 1), "errors shown after \(ContinuousClock.now - firstFrame):\n\(screen)")
        // Each failure is counted by the target's own breaker: the drip's opens.
        try await tmux.waitFor("the drip's poll breaker open", timeout: .seconds(30)) { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("│drip ") && $0.contains("open") }
        }
        // The dripping requests are abandoned at their deadline, their connections closed: the
        // server's next writes into them are refused (a wedged peer does not keep a socket and a
        // task per poll in a dashboard that runs for days). 30 s: liveness, not timing.
        try await tmux.waitFor("the drip's connections closed", timeout: .seconds(30)) { _ in fleet.server.writesRefused(.drip) > 0 }
        // Logs: the dripping instance's stream is shown stalled within its deadline + 1 s, and
        // the invalid UTF-8 instance's lines arrive with the bad bytes replaced.
        try tmux.send("g", "j", "Enter")
        try await tmux.waitFor(text: "Fleet ▶ hostile ▶ drip")
        try tmux.send("l")
        let logsOpened = ContinuousClock.now
        try await tmux.waitFor(text: "drip: the stream stalled: no complete line for 3 s", timeout: .seconds(20))
        #expect(ContinuousClock.now - logsOpened < .seconds(3 + 1))
        try tmux.send("Escape", "Escape")
        try await tmux.waitFor { $0.contains("Fleet ▶ hostile") && !$0.contains("▶ drip") }
        try tmux.send("G", "Enter")  // the last row: bad-utf8 (or tls after it)
        try await tmux.waitFor { $0.contains("Fleet ▶ hostile ▶ ") }
        if fleet.tls != nil { try tmux.send("Escape", "G", "k", "Enter") }
        try await tmux.waitFor(text: "Fleet ▶ hostile ▶ bad-utf8")
        try tmux.send("l")
        try await tmux.waitFor("replaced bytes in log lines", timeout: .seconds(20)) { $0.contains("\u{FFFD}\u{FFFD}\u{FFFD} end") }
        try tmux.send("Escape", "Escape")
        try await tmux.waitFor { $0.contains("Fleet ▶ hostile") && !$0.contains("▶ bad-utf8") }
        try tmux.send("Escape")
        // The alerts view: target-down for the dripping target, with its reason.
        try tmux.send("A")
        try await tmux.waitFor("target-down for the drip", timeout: .seconds(30)) { $0.contains("hostile/drip") && $0.contains("no complete response within 3 s") }
        try tmux.send("Escape")
        // The good chute, unfiltered: ok, with its 20 requests/s (the fleet's only rate).
        try tmux.send("/", "C-u")
        try tmux.send("Enter")
        let overview = try await tmux.waitFor("the good chute ok", timeout: .seconds(20)) { screen in
            screen.split(separator: "\n").contains { $0.contains(" good ") && $0.contains("ok") }
        }
        let banner = try #require(overview.split(separator: "\n").first.map(String.init))
        let rate = try #require(banner.firstMatch(of: /│ ([0-9.]+) req\/s/).flatMap { Double($0.1) }, "\(banner)")
        #expect(abs(rate - 20) <= 2, "\(banner)")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }
}
