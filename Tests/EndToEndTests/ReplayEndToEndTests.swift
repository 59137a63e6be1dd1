import Foundation
import TestSupport
import TestLanes
import Testing

/// `--record`, `snapshot --replay` and `replay` on a real session: `chutetop watch --record`
/// (a child process) against a real `chutetop sim` process in the breaker-trip scenario for
/// 50 s, the simulator's truth read live at a second T inside it; then the recording replayed.
@Suite(.lane(.live), .serialized) struct ReplayEndToEndTests {
    /// The recorded session, made once for the suite's tests.
    struct Session: Sendable {
        var directory: String
        var recording: String
        /// When the simulator started (its clock is this machine's, at speed 1).
        var simulatorStart: Double
        var at: Int
        var window: Int
        /// `/sim/truth?window=W&at=T` read at T: counted figures over [T − W, T], counts and
        /// breakers as of T.
        var truthAtT: [String: [String: Any]] { decoded(truthAtTBody) }
        var truthAtTBody: String
        /// `snapshot --replay … --at T --window W --json`, run while the simulator still held T.
        var snapshot: ChildProcess.Result
        /// Per chute whose rates do not cover exactly [T − W, T]: the truth for the span they do.
        var spanTruthBodies: [String: String]

        /// A `/sim/truth` body (snake_case keys) by chute, its keys as the snapshot spells them.
        func decoded(_ body: String) -> [String: [String: Any]] {
            let json = Self.camelCased((try? JSONSerialization.jsonObject(with: Data(body.utf8))) ?? [:])
            let chutes = (json as? [String: Any])?["chutes"] as? [[String: Any]] ?? []
            return Dictionary(chutes.compactMap { c in (c["name"] as? String).map { ($0, c) } }) { a, _ in a }
        }

        static func camelCased(_ value: Any) -> Any {
            if let list = value as? [Any] { return list.map(camelCased) }
            guard let object = value as? [String: Any] else { return value }
            return Dictionary(object.map { key, v in
                let parts = key.split(separator: "_")
                let camel = parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
                // Breaker names are data, not keys.
                return (camel, key == "breakers" ? v : camelCased(v))
            }) { a, _ in a }
        }
    }

    static let session = Task { try await record() }

    static func chutetop() throws -> String { try BuildProducts.executable("chutetop") }

    static func curl(_ url: String) async throws -> String? {
        let r = try await ChildProcess.runOffPool(["/usr/bin/curl", "-sf", url])
        return r.status == 0 ? r.stdout : nil
    }

    static func record() async throws -> Session {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-replay-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let port = BackgroundProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let simulatorStart = Date().timeIntervalSince1970
        let sim = try BackgroundProcess([try chutetop(), "sim", "--listen", "127.0.0.1:\(port)", "--scenario", "breaker-trip", "--seed", "3"],
                                        logPath: dir + "/sim.log")
        defer { sim.stop() }
        var up = false
        for _ in 0..<600 where !up {
            up = try await curl(base + "/sim/truth") != nil
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard up else { throw TmuxSession.Failure.commandFailed("the simulator did not start: \(sim.logTail)") }
        // Metrics every half second without jitter: each instance has a page of every
        // simulated second, so a round at T reads the page of second T, as the truth counts.
        let config = dir + "/sim.yaml"
        try """
            contexts:
              - name: sim
                source: {kind: direct, controlAPI: "\(base)/api/v1"}
                poll: {health: 2s, ready: 2s, metrics: 500ms, jitter: 0}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let recording = dir + "/session.chuterec"
        let watch = try ChildProcess.spawn([try chutetop(), "watch", "--config", config, "--record", recording, "--duration", "50"],
                                           environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir],
                                           stdout: dir + "/watch.log", stderr: dir + "/watch.err")
        // T: 38 s after the simulator started (its database went down at 30 s), read at once.
        let window = 10
        while Date().timeIntervalSince1970 < simulatorStart + 38 { try await Task.sleep(for: .milliseconds(50)) }
        let at = Int(Date().timeIntervalSince1970.rounded(.up))
        while Date().timeIntervalSince1970 < Double(at) + 0.05 { try await Task.sleep(for: .milliseconds(10)) }
        guard let truth = try await curl(base + "/sim/truth?window=\(window)&at=\(at)") else {
            throw TmuxSession.Failure.commandFailed("no truth at \(at): \(sim.logTail)")
        }
        // The recording holds T's pages once a frame written after them is on disk.
        while Date().timeIntervalSince1970 < Double(at) + 4 { try await Task.sleep(for: .milliseconds(100)) }
        let snapshot = try await ChildProcess.runOffPool([try chutetop(), "snapshot", "--replay", recording, "--at", "\(at)",
                                                          "--window", "\(window)", "--json"])
        var spans: [String: String] = [:]
        let chutes = ((try? JSONSerialization.jsonObject(with: Data(snapshot.stdout.utf8))) as? [String: Any])?["chutes"] as? [[String: Any]] ?? []
        for c in chutes {
            guard let name = c["name"] as? String, let from = c["rateFrom"] as? Double, let to = c["rateTo"] as? Double,
                  Int(from.rounded()) != at - window || Int(to.rounded()) != at else { continue }
            spans[name] = try await curl(base + "/sim/truth?window=\(Int((to - from).rounded()))&at=\(Int(to.rounded()))")
        }
        _ = await ChildProcess.waitOffPool(watch)
        return Session(directory: dir, recording: recording, simulatorStart: simulatorStart, at: at, window: window, truthAtTBody: truth,
                       snapshot: snapshot, spanTruthBodies: spans)
    }

    @Test func snapshotFromTheRecordingAgreesWithTheSimulatorsTruthAtT() async throws {
        let s = try await Self.session.value
        #expect(s.snapshot.status == 0, "\(s.snapshot.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(s.snapshot.stdout.utf8)) as? [String: Any])
        let chutes = try #require(out["chutes"] as? [[String: Any]])
        #expect(chutes.count == 10, "the default fleet: nine well-built chutes and the sloppy one")
        #expect(out["context"] as? String == "sim" && out["window"] as? Double == Double(s.window))
        // Rates over exactly [T − W, T] are held against the truth read at T; a chute whose
        // pages straddled a second's edge (a poll delayed past it) against the truth of its span.
        var truth = s.truthAtT
        for (name, body) in s.spanTruthBodies { truth[name] = s.decoded(body)[name] }
        #expect(s.spanTruthBodies.count <= 2, "most chutes' rates cover exactly [T − W, T]: \(s.spanTruthBodies.keys.sorted())")
        #expect(SimulatorTruthComparison.figureMisses(chutes: chutes, truth: truth) == [])
        // The simulator's /ready says not ready while a dependency is down (llama's database
        // from 30 s); its truth's readyInstances counts instances by phase.
        var asExposed = s.truthAtT
        for (name, t) in asExposed where !(t["dependenciesDown"] as? [String] ?? []).isEmpty { asExposed[name]?["readyInstances"] = 0 }
        #expect(asExposed["llama-3.1-70b-instruct"]?["readyInstances"] as? Int == 0, "llama's database is down at T")
        #expect(SimulatorTruthComparison.stateMisses(chutes: chutes, truth: asExposed) == [])
        // The scenario did what it says by T: llama's breakers open.
        let llama = try #require(chutes.first { $0["name"] as? String == "llama-3.1-70b-instruct" })
        let states = (llama["instances"] as? [[String: Any]] ?? []).flatMap { ($0["breakers"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String } }
        #expect(states.contains("open"), "\(states)")
        // The recording spans the whole watch (at least 40 s).
        let info = try await ChildProcess.runOffPool([try Self.chutetop(), "snapshot", "--replay", s.recording, "--at", "\(s.at + 2000)", "--json"])
        #expect(info.status == 2 && info.stderr.contains("covers"), "\(info.stderr)")
        let covered = try #require(info.stderr.firstMatch(of: /\((\d+)-(\d+)\)/))
        #expect(Int(covered.2)! - Int(covered.1)! >= 40, "\(info.stderr)")
    }

    /// Paused on a moment before the breaker opened it shows closed; stepping forward one
    /// judgement at a time, it shows open.
    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func replaySeekBackBeforeTheBreakerOpenedThenStepForward() async throws {
        let s = try await Self.session.value
        let tmux = try TmuxSession(width: 160, height: 48, shellCommand: TerminalLifecycleTests.wrapped(
            try TerminalLifecycleTests.chutetop("replay \(s.recording)")))
        let llama = { (screen: String) in screen.split(separator: "\n").first { $0.contains("llama-3.1-70b-instruct") }.map(String.init) ?? "" }
        let bar = { (screen: String) in screen.split(separator: "\n").first.map(String.init) ?? "" }
        try await tmux.waitFor(text: "REPLAY PLAYING")
        try tmux.send("Space")
        try await tmux.waitFor(text: "REPLAY PAUSED")
        // To the recording's end (open), then back to 20 s after the simulator started.
        try tmux.send("@")
        try tmux.send("-l", "\(s.at + 5)")
        try tmux.send("Enter")
        try await tmux.waitFor("llama's breaker open at T + 5") { llama($0).contains("open") }
        try tmux.send("@")
        try tmux.send("-l", "\(Int(s.simulatorStart) + 20)")
        try tmux.send("Enter")
        let before = try await tmux.waitFor("llama closed before the database went down") { screen in
            let row = llama(screen)
            return row.contains("closed") && !row.contains("open") && bar(screen).contains(Self.clock(Int(s.simulatorStart) + 20))
        }
        #expect(bar(before).contains("REPLAY PAUSED"), "\(bar(before))")
        // Step forward, one judgement a key, until it opens (the database went down at 30 s).
        var steps = 0
        var screen = before
        while !llama(screen).contains("open") && steps < 200 {
            let shown = bar(screen)
            try tmux.send(".")
            steps += 1
            screen = try await tmux.waitFor("a step") { bar($0) != shown || llama($0).contains("open") }
        }
        #expect(llama(screen).contains("open"), "\(screen)")
        #expect(steps >= 5, "it opened after stepping past 30 s, not at once: \(steps) steps")
        #expect(bar(screen).contains("REPLAY PAUSED"))
        // Actions are disabled, and the screen says so.
        try tmux.send("x")
        try await tmux.waitFor(text: "actions, acknowledgements and snoozes are disabled")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    /// A recorder killed with SIGKILL leaves a file that replays up to its last whole frame; a
    /// file cut inside a frame, up to the cut (said); a foreign or corrupt file is refused with
    /// the reason and exit 2, by `snapshot --replay` and `replay` alike.
    @Test func aRecordingKilledMidWriteReplaysUpToTheCutAndOthersAreRefused() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-killed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recording = dir + "/killed.chuterec"
        let watch = try ChildProcess.spawn([try Self.chutetop(), "watch", "--demo", "--record", recording, "--duration", "600"],
                                           environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir],
                                           stdout: dir + "/watch.log", stderr: dir + "/watch.err")
        let size = { ((try? FileManager.default.attributesOfItem(atPath: recording))?[.size] as? Int) ?? 0 }
        for _ in 0..<1200 where size() < 60_000 { try await Task.sleep(for: .milliseconds(50)) }
        kill(watch, SIGKILL)
        _ = await ChildProcess.waitOffPool(watch)
        #expect(size() >= 60_000, "the recorder wrote \(size()) bytes")
        let snapshot = { (path: String, at: String) in
            try await ChildProcess.runOffPool([try Self.chutetop(), "snapshot", "--replay", path, "--at", at, "--window", "2", "--json"])
        }
        // Where the recording ends (an --at outside it names its span), then a snapshot there.
        let outside = try await snapshot(recording, "1")
        #expect(outside.status == 2, "\(outside.stderr)")
        let span = try #require(outside.stderr.firstMatch(of: /\((\d+)-(\d+)\)/), "\(outside.stderr)")
        let end = String(span.2)
        let whole = try await snapshot(recording, String(Int(end)! - 1))
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stdout.contains("\"chutes\""))

        // Cut inside the last frame, as a kill during its write would.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: recording))
        bytes.removeLast(9)
        let cut = dir + "/cut.chuterec"
        try bytes.write(to: URL(fileURLWithPath: cut))
        let fromCut = try await snapshot(cut, String(Int(end)! - 3))
        #expect(fromCut.status == 0, "\(fromCut.stderr)")
        #expect(fromCut.stderr.contains("cut off inside a frame"), "\(fromCut.stderr)")

        // Random bytes; the recording with a byte changed in its middle.
        let random = dir + "/random.bin"
        try Data((0..<50_000).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: random))
        var damaged = try Data(contentsOf: URL(fileURLWithPath: recording))
        damaged[damaged.count / 2] ^= 0xFF
        let corrupt = dir + "/corrupt.chuterec"
        try damaged.write(to: URL(fileURLWithPath: corrupt))
        for (path, reason) in [(random, "not a chutetop recording"), (corrupt, "is corrupt at byte"), (dir + "/missing", "no such file")] {
            let refused = try await snapshot(path, end)
            #expect(refused.status == 2, "\(path): \(refused.status) \(refused.stderr)")
            #expect(refused.stderr.hasPrefix("chutetop: ") && refused.stderr.contains(reason), "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            let replay = try await ChildProcess.runOffPool([try Self.chutetop(), "replay", path])
            #expect(replay.status == 2 && replay.stderr.contains(reason), "\(replay.status) \(replay.stderr)")
        }
    }

    static func clock(_ epoch: Int) -> String {
        String(format: "%02d:%02d:%02d", epoch % 86_400 / 3600, epoch % 3600 / 60, epoch % 60)
    }
}
