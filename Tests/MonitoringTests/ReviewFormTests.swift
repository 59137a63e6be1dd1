import Foundation
import Monitoring
import TestLanes
import Testing

/// The "Production Readiness Review" form against the stored expected file, from a review
/// decided on recorded observations, with the date and reviewer given.
@Suite(.lane(.compute)) struct ReviewFormTests {
    static let expected = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/review/production-readiness-review.md")

    /// A sloppy chute: bare readiness, a summary, plain logs, no shutdown-after.
    static func sloppy() -> ReadinessReview {
        typealias R = ReadinessReviewTests
        var r = ReadinessReview(chute: "legacy-upscaler")
        r.observeListing(R.listing([("i-1", "ready")], shutdownAfter: nil), at: R.t0)
        r.observeHealth(R.health("OK"), instance: "i-1", at: R.t0 + 1)
        r.observeReadiness(R.ready([], body: "OK"), instance: "i-1", at: R.t0 + 1)
        r.observeMetrics(R.page(at: R.t0 + 2, statusLabel: "status", latency: .summary, breakers: []), instance: "i-1", at: R.t0 + 2)
        r.observeLog(LogEntry(message: "POST /upscale 200 512ms"), instance: "i-1", at: R.t0 + 3)
        return r
    }

    @Test func theFormMatchesTheStoredFile() throws {
        let reviews = [ReadinessReviewTests.wellBuilt("bge-m3").review(ReviewContext()), Self.sloppy().review(ReviewContext())]
        let form = ReviewForm.markdown(reviews, date: "2026-11-30", reviewer: "alice", observed: "15 s of watching context demo")
        if ProcessInfo.processInfo.environment["CHUTETOP_RECORD_SNAPSHOTS"] == "1" {
            try form.write(to: Self.expected, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: Self.expected, encoding: .utf8)
        #expect(form == stored, "re-record with CHUTETOP_RECORD_SNAPSHOTS=1 if the change is meant")
    }

    @Test func signOffSaysNoWithTheBlockers() {
        let form = ReviewForm.markdown([Self.sloppy().review(ReviewContext())], date: "2026-11-30", reviewer: "alice", observed: "15 s")
        #expect(form.contains("Ready for production: NO\nBlockers: `ready.endpoint`, `ready.dependencies`, `logs.structured`, `logs.levels`, `logs.correlation`, `scaling.knobs`\n"))
        #expect(form.contains("Warnings: `metrics.red.latency`, `metrics.breakers`\n"))
        #expect(form.contains("- [ ] Rollback tested and documented (not observable from a running chute: check by hand)\n"))
        #expect(form.contains("- [x] /health answers 200 with a body while the instance serves (`health.endpoint`: pass)\n"))
    }
}
