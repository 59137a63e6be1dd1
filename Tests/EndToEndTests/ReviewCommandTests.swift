import Foundation
import TestSupport
import TestLanes
import Testing

/// `chutetop review` as the operator runs it: the real binary watching the in-process simulator,
/// whose one sloppily built chute (legacy-upscaler) must get exactly its designed findings and
/// the others none.
@Suite(.lane(.live)) struct ReviewCommandTests {
    func chutetop(_ args: [String], user: String = "tester") async throws -> ChildProcess.Result {
        try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop")] + args,
                                          environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(), "USER": user])
    }

    /// Per chute, the checks that warn or fail, by id.
    func findings(_ stdout: String) throws -> [String: [String: String]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let chutes = try #require(root["chutes"] as? [[String: Any]])
        var out: [String: [String: String]] = [:]
        for c in chutes {
            let name = try #require(c["name"] as? String)
            let checks = try #require(c["checks"] as? [[String: String]])
            #expect(checks.count == 17, "\(name)")
            #expect(checks.allSatisfy { ($0["evidence"] ?? "").isEmpty == false }, "\(name): every check has its evidence")
            out[name] = Dictionary(uniqueKeysWithValues: checks.filter { $0["status"] == "warn" || $0["status"] == "fail" }.map { ($0["id"]!, $0["status"]!) })
        }
        return out
    }

    /// legacy-upscaler's designed failures (ChuteProfile.Build.sloppy), as seen without a restart.
    static let designed = [
        "ready.endpoint": "fail", "ready.dependencies": "fail", "metrics.red.latency": "warn", "metrics.breakers": "warn",
        "logs.structured": "fail", "logs.levels": "fail", "logs.correlation": "fail", "scaling.knobs": "fail",
    ]

    @Test func theDemoFleetsSloppyChuteGetsExactlyItsDesignedFindings() async throws {
        let r = try await chutetop(["review", "--demo", "--json", "--observe", "15s"])
        #expect(r.status == 2, "something fails: \(r.stderr)")
        let found = try findings(r.stdout)
        #expect(found.count == 10, "every chute of the demo fleet: \(found.keys.sorted())")
        #expect(found["legacy-upscaler"] == Self.designed)
        for (chute, f) in found where chute != "legacy-upscaler" {
            #expect(f.isEmpty, "\(chute) is built to the checklist: \(f)")
        }
    }

    @Test func anUngracefulRestartIsFound() async throws {
        // At 25 s the chute's second instance vanishes while ready and half its requests fail.
        let r = try await chutetop(["review", "legacy-upscaler", "--demo", "--scenario", "ungraceful-restart", "--json", "--observe", "45s"])
        #expect(r.status == 2, "\(r.stderr)")
        let found = try findings(r.stdout)
        #expect(found.keys.sorted() == ["legacy-upscaler"])
        var expected = Self.designed
        expected["shutdown.graceful"] = "fail"
        expected["ready.gates-traffic"] = "fail"
        #expect(found["legacy-upscaler"] == expected, "\(r.stdout)")
        #expect(r.stdout.contains("i-2 left at "))
        #expect(r.stdout.contains("went away while still ready"))
        #expect(r.stdout.contains("readiness said ready while it was starting"))
    }

    @Test func theMarkdownFormNamesTheServiceAndTheReviewer() async throws {
        let r = try await chutetop(["review", "bge-m3", "--demo", "--markdown", "--observe", "3"], user: "oncall-ana")
        #expect(r.status == 0 || r.status == 1 || r.status == 2, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("## Production Readiness Review\n\n### Service: bge-m3\n### Date: "))
        #expect(r.stdout.contains("### Reviewer: oncall-ana\n"))
        for section in ["### Health & Observability", "### Reliability", "### Configuration", "### Deployment", "### Sign-off"] {
            #expect(r.stdout.contains(section), "\(section)")
        }
        #expect(r.stdout.contains("(`health.endpoint`: "))
    }

    @Test func aChuteTheFleetDoesNotListCannotBeReviewed() async throws {
        let r = try await chutetop(["review", "no-such-chute", "--demo", "--observe", "1"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("no chute named 'no-such-chute' in context demo"))
        // A usage error cannot be taken for "a check fails" (2).
        let usage = try await chutetop(["review", "--demo", "--json", "--markdown"])
        #expect(usage.status == 3)
        #expect(usage.stderr.contains("--json and --markdown: choose one"))
    }
}
