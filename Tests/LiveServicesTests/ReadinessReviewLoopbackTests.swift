import Dashboard
import FleetEngine
import Foundation
import Monitoring
import Synchronization
import TestLanes
import Testing
@testable import LiveServices

/// The readiness review through the real engine and a real direct source against loopback
/// chutes, each built to break specific checks (and one that passes all that can pass without
/// a restart): every check reaches its expected status with its evidence. Waits poll for the
/// expected review with a generous cap, never a fixed sleep.
@Suite(.lane(.live), .serialized) struct ReadinessReviewLoopbackTests {
    /// Watches `chute` until `done` holds for its review (or 60 s pass), then returns it.
    /// `holdAfterCancel`: after cancelling, hold the engine's loop that long, so work cancelled
    /// with it has finished before the loop looks for its next message.
    static func watch(_ chute: ChecklistChute, rules: [AlertRule] = AlertRule.defaults, holdAfterCancel: Double = 0,
                      until done: @escaping @Sendable (ChuteReview) -> Bool) async throws -> ChuteReview {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 0.3, ready: 0.3, metrics: 0.3)
        settings.connectTimeout = 2
        settings.readTimeout = 5
        let config = DirectSourceConfig(chutes: [.init(name: chute.name, controlAPI: chute.controlAPI)])
        let context = ContextConfig(name: "loopback", source: .direct(config), poll: settings, alertRules: rules)
        let source = try DirectSource(config, settings: settings)
        let engine = MonitoringEngine(sources: FleetSources(source), context: context, discoveryInterval: 0.5, judgeInterval: 0.5)
        let running = Mutex<Task<MonitoringEngine.Report, Never>?>(nil)
        let reached = Mutex(false)
        let task = Task {
            await engine.run(duration: 60, onJudged: { report in
                guard done(report.state.review(chute: chute.name)) else { return }
                reached.withLock { $0 = true }
                running.withLock { $0?.cancel() }
                if holdAfterCancel > 0 { usleep(UInt32(holdAfterCancel * 1_000_000)) }
            }, logsOf: { _ in true }, relistAtEnd: true)
        }
        running.withLock { $0 = task }
        let report = await task.value
        await source.shutdown()
        let review = report.state.review(chute: chute.name)
        #expect(reached.withLock { $0 }, "not reached in 60 s: \(review.checks.map { "\($0.id.rawValue)=\($0.status.rawValue): \($0.evidence)" })")
        return review
    }

    static func statuses(_ r: ChuteReview) -> [ReviewCheckID: ReviewStatus] {
        Dictionary(uniqueKeysWithValues: r.checks.map { ($0.id, $0.status) })
    }

    /// Every check but these passes.
    static func allPassBut(_ exceptions: [ReviewCheckID: ReviewStatus]) -> [ReviewCheckID: ReviewStatus] {
        Dictionary(uniqueKeysWithValues: ReviewCheckID.allCases.map { ($0, exceptions[$0] ?? .pass) })
    }

    static let awaitingRestart: [ReviewCheckID: ReviewStatus] = [.readyGatesTraffic: .unknown, .gracefulShutdown: .unknown]

    @Test func aChuteBuiltToTheChecklistPassesAllThatCanPassWithoutARestart() async throws {
        let chute = try await ChecklistChute.start(name: "good")
        let expected = Self.allPassBut(Self.awaitingRestart)
        let review = try await Self.watch(chute) { Self.statuses($0) == expected }
        #expect(Self.statuses(review) == expected)
        let evidence = { (id: ReviewCheckID) in review.check(id)?.evidence ?? "" }
        #expect(evidence(.healthEndpoint).hasPrefix("i-1 GET /health → 200 with 15 bytes at "))
        #expect(evidence(.readyDependencies).hasPrefix("readiness names database, model (i-1 at "))
        #expect(evidence(.requestCounter).hasPrefix("http_requests_total with label code (i-1 at "))
        #expect(evidence(.latencyHistogram).hasPrefix("histogram http_request_duration_seconds, 3 buckets to 10 s; p99 ≈ "))
        #expect(evidence(.breakers).hasPrefix("breaker state for database (i-1 at "))
        #expect(evidence(.gpu).hasPrefix("1 GPU reported on /metrics (i-1 at "))
        #expect(evidence(.logCorrelation).contains("request lines carry an id, e.g. req-i-1-"))
        #expect(evidence(.scalingKnobs).hasPrefix("max 4, threshold 0.75, shutdown after 300 s (control plane at "))
        chute.stop()
    }

    @Test func slowBareHealthAndNoReadinessPath() async throws {
        var build = ChecklistChute.Build()
        build.healthBody = ""
        build.healthDelay = 1.2
        build.readyBody = nil
        let chute = try await ChecklistChute.start(name: "bare", build)
        let expected = Self.allPassBut(Self.awaitingRestart.merging([
            .healthEndpoint: .warn, .healthFast: .fail, .readyEndpoint: .fail, .readyDependencies: .fail,
        ]) { a, _ in a })
        let review = try await Self.watch(chute) { Self.statuses($0) == expected }
        #expect(Self.statuses(review) == expected)
        #expect(review.check(.healthEndpoint)?.evidence.contains("GET /health → 200 with an empty body at ") == true)
        #expect(review.check(.healthFast)?.evidence.hasPrefix("even the fastest of ") == true)
        let missing = review.check(.readyEndpoint)?.evidence ?? ""
        #expect(missing.hasPrefix("i-1 readiness answered ") && missing.contains("404") && missing.hasSuffix("while its health answered: no readiness endpoint"), "\(missing)")
        #expect(review.check(.readyDependencies)?.evidence.hasPrefix("no readiness endpoint to report dependencies") == true)
        chute.stop()
    }

    @Test func aSloppyMetricsPage() async throws {
        var build = ChecklistChute.Build()
        build.statusLabel = nil
        build.summaryOnly = true
        build.breakers = false
        build.gpus = false
        build.malformedLine = true
        let chute = try await ChecklistChute.start(name: "summary", build)
        let expected = Self.allPassBut(Self.awaitingRestart.merging([
            .metricsExposed: .fail, .requestCounter: .fail, .errorCounter: .fail, .latencyHistogram: .warn, .breakers: .fail, .gpu: .fail,
        ]) { a, _ in a })
        let review = try await Self.watch(chute) { Self.statuses($0) == expected }
        #expect(Self.statuses(review) == expected)
        #expect(review.check(.metricsExposed)?.evidence.contains("/metrics: 1 line could not be parsed at ") == true)
        #expect(review.check(.requestCounter)?.evidence.hasPrefix("http_requests_total has no status or code label") == true)
        #expect(review.check(.latencyHistogram)?.evidence.hasPrefix("only a summary (http_request_duration_seconds)") == true)
        #expect(review.check(.breakers)?.evidence.hasPrefix("readiness names database but /metrics has no breaker state") == true)
        #expect(review.check(.gpu)?.evidence.hasPrefix("no GPU telemetry") == true)
        chute.stop()
    }

    @Test func plainLogsAndMissingKnobsOnAScaleToZeroChute() async throws {
        var build = ChecklistChute.Build()
        build.logs = .plain
        build.shutdownAfter = nil
        build.minInstances = 0
        build.instances = [("i-1", "starting")]
        build.notReady = ["i-1"]
        let chute = try await ChecklistChute.start(name: "plain", build)
        // Scaled from zero while a latency alert watches it: a cold start that pages; its
        // readiness held traffic off while it started.
        let expected = Self.allPassBut([
            .logsStructured: .fail, .logLevels: .fail, .logCorrelation: .fail, .scalingKnobs: .fail, .coldStart: .warn,
            .gracefulShutdown: .unknown,
        ])
        let review = try await Self.watch(chute) { Self.statuses($0) == expected }
        #expect(Self.statuses(review) == expected)
        #expect(review.check(.logsStructured)?.evidence.contains(#"plain text, e.g. "POST /generate 200 12ms""#) == true)
        #expect(review.check(.scalingKnobs)?.evidence.hasPrefix("shutdown-after not set") == true)
        #expect(review.check(.coldStart)?.evidence.contains("i-1 started with no instance ready at ") == true)
        #expect(review.check(.readyGatesTraffic)?.evidence.contains("i-1 readiness said not ready while it was starting at ") == true)
        chute.stop()
    }

    /// A watch cancelled while probes are in flight reports what it last judged: the probes'
    /// cancellation is not a failure of the chute (it read as "health.endpoint fail" and the
    /// listing's knobs as unknown, and failed the test below about one run in ten).
    @Test func aWatchCancelledWhileAProbeIsInFlightKeepsWhatItJudged() async throws {
        var build = ChecklistChute.Build()
        build.healthDelay = 0.5
        let chute = try await ChecklistChute.start(name: "cancelled", build)
        let expected = Self.allPassBut(Self.awaitingRestart)
        let review = try await Self.watch(chute, holdAfterCancel: 0.3) { Self.statuses($0) == expected && chute.healthProbesInFlight > 0 }
        #expect(Self.statuses(review) == expected, "\(review.checks.filter { $0.status != expected[$0.id] }.map { "\($0.id.rawValue): \($0.evidence)" })")
        chute.stop()
    }

    @Test func unknownChecksAreDecidedWhenTheirEvidenceArrives() async throws {
        var build = ChecklistChute.Build()
        build.logs = .silent
        build.instances = [("i-1", "ready"), ("i-2", "ready")]
        let chute = try await ChecklistChute.start(name: "later", build)
        let waiting = Self.allPassBut(Self.awaitingRestart.merging([.logsStructured: .unknown, .logLevels: .unknown, .logCorrelation: .unknown]) { a, _ in a })
        // One watch, three stages: nothing to settle the log, gating and shutdown checks yet;
        // then log lines, i-2 draining (not ready) and i-3 starting (not ready); then i-2 gone.
        let stage = Mutex(0)
        let before = Mutex<ChuteReview?>(nil)
        let review = try await Self.watch(chute) { r in
            switch stage.withLock({ $0 }) {
            case 0 where Self.statuses(r) == waiting:
                before.withLock { $0 = r }
                stage.withLock { $0 = 1 }
                chute.change {
                    $0.logs = .json
                    $0.instances = [("i-1", "ready"), ("i-2", "draining"), ("i-3", "starting")]
                    $0.notReady = ["i-2", "i-3"]
                }
            case 1 where r.check(.readyGatesTraffic)?.status == .pass:
                stage.withLock { $0 = 2 }
                chute.change { $0.instances = [("i-1", "ready"), ("i-3", "starting")] }
            default:
                break
            }
            return stage.withLock { $0 } == 2 && Self.statuses(r) == Self.allPassBut([:])
        }
        let first = try #require(before.withLock { $0 })
        #expect(first.check(.logsStructured)?.evidence.hasPrefix("no log line read yet") == true)
        #expect(first.check(.gracefulShutdown)?.evidence.hasPrefix("no instance went away while watched") == true)
        #expect(Self.statuses(review) == Self.allPassBut([:]), "\(review.checks.filter { $0.status != .pass }.map { "\($0.id.rawValue): \($0.evidence)" })")
        #expect(review.check(.readyGatesTraffic)?.evidence.contains("readiness said not ready while it was") == true)
        #expect(review.check(.gracefulShutdown)?.evidence.hasPrefix("i-2 stopped being ready before it left at ") == true)
        #expect(review.check(.logLevels)?.status == .pass)
        chute.stop()
    }
}
