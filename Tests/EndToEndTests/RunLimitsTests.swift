import Foundation
import TestSupport
import TestLanes
import Testing

/// `chutetop run scale` checks the count against the chute's limits before anything is sent:
/// above the maximum it exits 3 naming the limits, audits nothing and leaves the simulator's
/// target as it was; within them the same command does move it (so the target watched is one
/// that can move).
@Suite(.lane(.live)) struct RunLimitsTests {
    static let environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]

    func chutetop(_ args: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop")] + args, environment: Self.environment)
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-run-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aCountAboveTheMaximumOnTheDemoExits3AndNamesTheLimits() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let audit = dir.appendingPathComponent("audit.jsonl").path
        let r = try await chutetop(["run", "scale", "bge-m3", "13", "--demo", "--yes", "--audit-log", audit])
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("instances: 13 is out of range: bge-m3 allows 1–4 instances; change its limits with scale-limits"), "\(r.stderr)")
        #expect(!r.stdout.contains("done"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: audit))
    }

    /// The truth of `chute` from the simulator: (target, max).
    func truth(_ port: Int, _ chute: String) async throws -> (target: Int, max: Int)? {
        let r = try await ChildProcess.runOffPool(["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/sim/truth"])
        guard r.status == 0, let body = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let chutes = body["chutes"] as? [[String: Any]], let c = chutes.first(where: { $0["name"] as? String == chute }),
              let target = c["target_instances"] as? Int, let max = c["max_instances"] as? Int else { return nil }
        return (target, max)
    }

    @Test func aCountAboveTheMaximumLeavesTheSimulatorsTargetAsItWas() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let port = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)",
                                         "--scenario", "steady", "--seed", "3"], logPath: dir.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        let config = dir.appendingPathComponent("sim.yaml").path
        try """
            contexts:
              - name: sim
                source: {kind: direct, controlAPI: "http://127.0.0.1:\(port)/api/v1"}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        var before: (target: Int, max: Int)?
        for _ in 0..<100 where before == nil {
            before = try await truth(port, "bge-m3")
            if before == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let start = try #require(before, "the simulator did not answer: \(sim.logTail)")
        let audit = dir.appendingPathComponent("audit.jsonl").path
        // Within the limits it is sent, audited and moves the target (and holds the autoscaler
        // off for ten simulated minutes, so the target stays put for what follows).
        let wanted = start.target == start.max ? start.max - 1 : start.max
        let within = try await chutetop(["run", "scale", "bge-m3", "\(wanted)", "--config", config, "--yes", "--audit-log", audit])
        #expect(within.status == 0, "\(within.stdout) \(within.stderr)")
        #expect(within.stdout.contains("bge-m3 allows 1–\(start.max) instances"), "\(within.stdout)")
        #expect(try await truth(port, "bge-m3")?.target == wanted)
        #expect(try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").count == 2)
        // Above the maximum: refused before anything is sent or audited.
        let above = try await chutetop(["run", "scale", "bge-m3", "\(start.max + 1)", "--config", config, "--yes", "--audit-log", audit])
        #expect(above.status == 3, "\(above.stdout) \(above.stderr)")
        #expect(above.stderr.contains("bge-m3 allows 1–\(start.max) instances"), "\(above.stderr)")
        #expect(try await truth(port, "bge-m3")?.target == wanted)
        #expect(try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").count == 2)
    }
}
