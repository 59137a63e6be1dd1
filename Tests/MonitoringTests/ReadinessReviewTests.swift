import Monitoring
import TestLanes
import Testing

/// The review decided from recorded observations with their times (no clock, no network):
/// each check's status and evidence, and `unknown` turning into a decision when its evidence
/// arrives.
@Suite(.lane(.compute)) struct ReadinessReviewTests {
    static let t0 = 1_795_334_400.0  // 2026-11-22 08:00:00Z

    static func answer(_ path: String, _ code: Int = 200, _ body: String, seconds: Double = 0.004) -> ProbeAnswer {
        ProbeAnswer(path: path, code: code, seconds: seconds, bodyBytes: body.utf8.count, excerpt: body)
    }

    static func health(_ body: String = #"{"status":"ok"}"#, code: Int = 200, seconds: Double = 0.004) -> SourceReading {
        .report(HealthReport(status: code == 200 ? .pass : .fail, answer: answer("/health", code, body, seconds: seconds)))
    }

    static func ready(_ checks: [String] = ["model", "database"], ok: Bool = true, body: String? = nil) -> SourceReading {
        let text = body ?? #"{"status":"\#(ok ? "ready" : "not_ready")"}"#
        return .report(HealthReport(status: ok ? .pass : .fail, checks: checks.map { HealthCheck(name: $0, status: .pass) },
                                    answer: answer("/ready", ok ? 200 : 503, text)))
    }

    static func counter(_ labels: [Label], _ value: Double, at t: Double) -> ScrapeDigest.Counter {
        ScrapeDigest.Counter(series: labels, point: CounterPoint(time: t, value: value))
    }

    /// A page: requests by `code`, a histogram with bounds to 10 s, breakers and GPUs as asked.
    static func page(at t: Double, statusLabel: String? = "code", latency: PageShape.Latency = .histogram, beyondLargest: Double = 0,
                     breakers: [String] = ["database"], gpus: Int = 1, skipped: Int = 0, served: Bool = true) -> SourceReading {
        let label = statusLabel.map { [Label($0, "200")] } ?? []
        var d = ScrapeDigest(time: t, sampleCount: 40, skippedLines: skipped)
        d.requests = [ScrapeDigest.RequestCounter(counter: counter(label, 1000, at: t), serverError: false)]
        if statusLabel != nil { d.requests.append(ScrapeDigest.RequestCounter(counter: counter([Label(statusLabel!, "500")], 3, at: t), serverError: true)) }
        if latency == .histogram {
            d.buckets = [(0.5, 700.0), (1, 950), (10, 1000 - beyondLargest), (.infinity, 1000)].map {
                ScrapeDigest.BucketCounter(counter: counter([], served ? $0.1 : 0, at: t), upperBound: $0.0)
            }
        }
        d.breakers = breakers.map { BreakerReading(name: $0, state: .closed) }
        d.gpus = (0..<gpus).map { GPUReading(id: "\($0)", utilization: 40) }
        d.shape = PageShape(requestCounter: "http_requests_total", statusLabel: statusLabel, latency: latency,
                            latencyFamily: latency == .none ? nil : "http_request_duration_seconds")
        return .scrape(d)
    }

    static func listing(_ instances: [(String, String)], min: Int? = 1, max: Int? = 4, threshold: Double? = 0.75,
                        shutdownAfter: Double? = 300) -> FleetInventory.Chute {
        var c = FleetInventory.Chute(name: "c", instances: instances.map { FleetInventory.Instance(id: $0.0, phase: $0.1) },
                                     minInstances: min, maxInstances: max, scalingThreshold: threshold)
        c.shutdownAfterSeconds = shutdownAfter
        return c
    }

    static func jsonLine(_ message: String, id: String? = "req-1") -> LogEntry {
        LogEntry(time: t0, level: .info, message: message, requestID: id, format: .json)
    }

    /// A well-built chute watched for a few seconds.
    static func wellBuilt(_ name: String = "c") -> ReadinessReview {
        var r = ReadinessReview(chute: name)
        r.observeListing(listing([("i-1", "ready")]), at: t0)
        r.observeHealth(health(), instance: "i-1", at: t0 + 1)
        r.observeReadiness(ready(), instance: "i-1", at: t0 + 1)
        r.observeMetrics(page(at: t0 + 2), instance: "i-1", at: t0 + 2)
        r.observeLog(jsonLine("POST /generate 200 12ms"), instance: "i-1", at: t0 + 3)
        return r
    }

    static func statuses(_ r: ReadinessReview, _ context: ReviewContext = ReviewContext()) -> [String: ReviewStatus] {
        Dictionary(uniqueKeysWithValues: r.review(context).checks.map { ($0.id.rawValue, $0.status) })
    }

    @Test func everyCheckHasItsIDInTheFormsOrder() {
        let review = Self.wellBuilt().review(ReviewContext())
        #expect(review.checks.map(\.id.rawValue) == [
            "health.endpoint", "health.fast", "ready.endpoint", "ready.dependencies", "ready.gates-traffic", "metrics.exposed",
            "metrics.red.requests", "metrics.red.errors", "metrics.red.latency", "metrics.breakers", "metrics.gpu", "logs.structured",
            "logs.levels", "logs.correlation", "scaling.knobs", "scaling.cold-start", "shutdown.graceful",
        ])
    }

    @Test func aWellBuiltChutePassesAllButWhatNeedsARestart() {
        let review = Self.wellBuilt().review(ReviewContext())
        let undecided = review.checks.filter { $0.status != .pass }
        #expect(undecided.map(\.id) == [.readyGatesTraffic, .gracefulShutdown])
        #expect(undecided.allSatisfy { $0.status == .unknown })
        #expect(review.check(.readyGatesTraffic)?.evidence == "no instance started or drained while watched (a scale-up, scale-down or restart settles it)")
        #expect(review.check(.healthEndpoint)?.evidence == "i-1 GET /health → 200 with 15 bytes at 08:00:01Z")
        #expect(review.check(.healthFast)?.evidence == "fastest 0.004 s, slowest 0.004 s of 1 answers (i-1 at 08:00:01Z)")
        #expect(review.check(.readyDependencies)?.evidence == "readiness names database, model (i-1 at 08:00:01Z)")
        #expect(review.check(.requestCounter)?.evidence == "http_requests_total with label code (i-1 at 08:00:02Z)")
        #expect(review.check(.latencyHistogram)?.evidence.hasPrefix("histogram http_request_duration_seconds, 3 buckets to 10 s; p99 ≈ ") == true)
        #expect(review.check(.breakers)?.evidence == "breaker state for database (i-1 at 08:00:02Z)")
        #expect(review.check(.scalingKnobs)?.evidence == "max 4, threshold 0.75, shutdown after 300 s (control plane at 08:00:00Z)")
        #expect(review.check(.coldStart)?.evidence == "min 1: never scales to zero (control plane at 08:00:00Z)")
        #expect(review.worst == .pass)
        #expect(review.score == "15/17")
    }

    @Test func nothingSeenIsUnknownSayingWhatSettlesIt() {
        let review = ReadinessReview(chute: "c").review(ReviewContext())
        #expect(review.checks.allSatisfy { $0.status == .unknown })
        #expect(review.check(.logsStructured)?.evidence == "no log line read yet (a log line of the chute settles it)")
        #expect(review.check(.healthEndpoint)?.evidence == "no health answer yet (the next health poll settles it)")
        #expect(review.worst == .pass)
    }

    @Test func sloppyHealthAndReadiness() {
        var r = ReadinessReview(chute: "c")
        r.observeListing(Self.listing([("i-1", "ready")]), at: Self.t0)
        r.observeHealth(Self.health("", seconds: 1.6), instance: "i-1", at: Self.t0 + 1)
        r.observeReadiness(.report(HealthReport(status: .fail, answer: Self.answer("/ready", 404, "not found"))), instance: "i-1", at: Self.t0 + 2)
        // The 404 counts once the instance's health answers after it: the instance was there.
        #expect(Self.statuses(r)["ready.endpoint"] == .unknown)
        r.observeHealth(Self.health("", seconds: 1.1), instance: "i-1", at: Self.t0 + 3)
        let review = r.review(ReviewContext())
        #expect(review.check(.healthEndpoint)?.status == .warn)
        #expect(review.check(.healthEndpoint)?.evidence == "i-1 GET /health → 200 with an empty body at 08:00:03Z: it says nothing of what was checked")
        #expect(review.check(.healthFast)?.status == .fail)
        #expect(review.check(.healthFast)?.evidence == "even the fastest of 2 answers took 1.10 s (i-1 GET /health at 08:00:03Z)")
        #expect(review.check(.readyEndpoint)?.status == .fail)
        #expect(review.check(.readyEndpoint)?.evidence == "i-1 GET /ready answered 404 at 08:00:02Z while its health answered: no readiness endpoint")
        #expect(review.check(.readyDependencies)?.status == .fail)
    }

    @Test func slowHealthAnswersBesideFastOnesAreSaidButPass() {
        var r = Self.wellBuilt()
        r.observeHealth(Self.health(seconds: 2.5), instance: "i-1", at: Self.t0 + 5)
        r.observeHealth(Self.health(), instance: "i-1", at: Self.t0 + 6)
        let c = r.review(ReviewContext()).check(.healthFast)
        #expect(c?.status == .pass)
        #expect(c?.evidence == "fastest 0.004 s, slowest 2.50 s of 3 answers (i-1 at 08:00:05Z), 1 over 1 s")
        // A check that times out every time fails.
        var slow = ReadinessReview(chute: "c")
        slow.observeHealth(.failed("timed out connecting (1 s)"), instance: "i-1", at: Self.t0 + 7)
        slow.observeHealth(.failed("no complete response within 3 s"), instance: "i-1", at: Self.t0 + 8)
        #expect(slow.review(ReviewContext()).check(.healthFast)?.status == .fail)
    }

    @Test func readinessThatIsHealthAgainFails() {
        var r = ReadinessReview(chute: "c")
        r.observeListing(Self.listing([("i-1", "ready")]), at: Self.t0)
        r.observeHealth(Self.health("OK"), instance: "i-1", at: Self.t0 + 1)
        r.observeReadiness(Self.ready([], body: "OK"), instance: "i-1", at: Self.t0 + 1)
        let review = r.review(ReviewContext())
        #expect(review.check(.readyEndpoint)?.status == .fail)
        #expect(review.check(.readyEndpoint)?.evidence == #"i-1 GET /ready answers as health does (200 "OK") at 08:00:01Z: not a distinct readiness check"#)
        #expect(review.check(.readyDependencies)?.evidence == #"readiness says "OK" with no named checks (i-1 at 08:00:01Z)"#)
        // No breaker state and no named dependency: nothing tells whether one is needed.
        r.observeMetrics(Self.page(at: Self.t0 + 2, breakers: []), instance: "i-1", at: Self.t0 + 2)
        #expect(r.review(ReviewContext()).check(.breakers)?.status == .warn)
    }

    @Test func sloppyMetricsPages() {
        var r = ReadinessReview(chute: "c")
        r.observeMetrics(Self.page(at: Self.t0, statusLabel: nil, latency: .summary, breakers: [], gpus: 0, skipped: 2), instance: "i-1", at: Self.t0)
        r.observeReadiness(Self.ready(["model", "database"]), instance: "i-1", at: Self.t0)
        let review = r.review(ReviewContext())
        #expect(review.check(.metricsExposed)?.evidence == "i-1 /metrics: 2 lines could not be parsed at 08:00:00Z")
        #expect(review.check(.requestCounter)?.evidence == "http_requests_total has no status or code label (i-1 at 08:00:00Z)")
        #expect(review.check(.errorCounter)?.status == .fail)
        #expect(review.check(.latencyHistogram)?.status == .warn)
        #expect(review.check(.latencyHistogram)?.evidence == "only a summary (http_request_duration_seconds): its quantiles cannot be aggregated across instances (i-1 at 08:00:00Z)")
        #expect(review.check(.breakers)?.evidence == "readiness names database but /metrics has no breaker state (i-1 at 08:00:00Z)")
        #expect(review.check(.gpu)?.status == .fail)
        #expect(review.worst == .fail)
    }

    @Test func aP99BeyondTheLargestBucketFails() {
        var r = ReadinessReview(chute: "c")
        r.observeMetrics(Self.page(at: Self.t0, beyondLargest: 20), instance: "i-1", at: Self.t0)
        let c = r.review(ReviewContext()).check(.latencyHistogram)
        #expect(c?.status == .fail)
        #expect(c?.evidence == "p99 is beyond the largest bucket (10 s): 2 % of 1000 requests in +Inf (i-1 at 08:00:00Z)")
    }

    /// An instance that has served nothing yet (just started) says nothing of the buckets: the
    /// newest page with observations decides (the demo's deepseek, serving 40 req/s, read
    /// "no observations yet" from its newest instance).
    @Test func latencyIsDecidedFromAnInstanceThatHasServed() {
        var r = ReadinessReview(chute: "c")
        r.observeMetrics(Self.page(at: Self.t0), instance: "i-1", at: Self.t0)
        r.observeMetrics(Self.page(at: Self.t0 + 1, served: false), instance: "i-2", at: Self.t0 + 1)
        let c = r.review(ReviewContext()).check(.latencyHistogram)
        #expect(c?.status == .pass)
        #expect(c?.evidence.hasSuffix("(i-1 at 08:00:00Z)") == true)
        var fresh = ReadinessReview(chute: "c")
        fresh.observeMetrics(Self.page(at: Self.t0 + 1, served: false), instance: "i-2", at: Self.t0 + 1)
        #expect(fresh.review(ReviewContext()).check(.latencyHistogram)?.status == .unknown)
    }

    @Test func onlyProcessChecksNeedNoBreaker() {
        var r = ReadinessReview(chute: "c")
        r.observeReadiness(Self.ready(["model"]), instance: "i-1", at: Self.t0)
        r.observeMetrics(Self.page(at: Self.t0, breakers: []), instance: "i-1", at: Self.t0)
        #expect(r.review(ReviewContext()).check(.breakers)?.status == .pass)
    }

    @Test func plainLogsFailAllThreeLogChecksOnceARequestLineIsSeen() {
        var r = ReadinessReview(chute: "c")
        r.observeLog(LogEntry(message: "loading weights"), instance: "i-1", at: Self.t0)
        var s = Self.statuses(r)
        #expect(s["logs.structured"] == .fail)
        #expect(s["logs.levels"] == .fail)
        #expect(s["logs.correlation"] == .unknown, "no request line yet")
        r.observeLog(LogEntry(message: "POST /upscale 200 512ms"), instance: "i-1", at: Self.t0 + 1)
        s = Self.statuses(r)
        #expect(s["logs.correlation"] == .fail)
        let review = r.review(ReviewContext())
        #expect(review.check(.logsStructured)?.evidence == #"2 of 2 lines plain text, e.g. "POST /upscale 200 512ms" (i-1 at 08:00:01Z)"#)
        #expect(review.check(.logCorrelation)?.evidence == #"1 of 1 request lines carry no request or correlation id, e.g. "POST /upscale 200 512ms" (i-1 at 08:00:01Z)"#)
    }

    @Test func aLogLineDecidesTheLogChecks() {
        var r = ReadinessReview(chute: "c")
        #expect(Self.statuses(r)["logs.levels"] == .unknown)
        r.observeLog(Self.jsonLine("POST /generate 200 9ms", id: "req-7"), instance: "i-2", at: Self.t0 + 5)
        let review = r.review(ReviewContext())
        #expect(review.check(.logsStructured)?.status == .pass)
        #expect(review.check(.logLevels)?.status == .pass)
        #expect(review.check(.logCorrelation)?.evidence == "1 of 1 request lines carry an id, e.g. req-7 (i-2 at 08:00:05Z)")
    }

    @Test func scalingKnobsAndColdStarts() {
        var r = ReadinessReview(chute: "c")
        r.observeListing(Self.listing([], min: 0, shutdownAfter: nil), at: Self.t0)
        var review = r.review(ReviewContext(latencyAlerts: true))
        #expect(review.check(.scalingKnobs)?.evidence == "shutdown-after not set (control plane at 08:00:00Z)")
        #expect(review.check(.coldStart)?.evidence == "min 0; no cold start seen since 08:00:00Z")
        // Scaled from zero: an instance starts while none is ready.
        r.observeListing(Self.listing([("i-1", "starting")], min: 0, shutdownAfter: nil), at: Self.t0 + 10)
        review = r.review(ReviewContext(latencyAlerts: true))
        #expect(review.check(.coldStart)?.status == .warn)
        #expect(review.check(.coldStart)?.evidence == "min 0 and i-1 started with no instance ready at 08:00:10Z; latency alerts will page on its cold starts")
        #expect(r.review(ReviewContext(latencyAlerts: false)).check(.coldStart)?.status == .pass)
    }

    @Test func readinessGatingIsDecidedWhenAnInstanceStarts() {
        var r = Self.wellBuilt()
        #expect(Self.statuses(r)["ready.gates-traffic"] == .unknown)
        r.observeListing(Self.listing([("i-1", "ready"), ("i-2", "starting")]), at: Self.t0 + 10)
        r.observeReadiness(Self.ready(ok: false), instance: "i-2", at: Self.t0 + 11)
        let c = r.review(ReviewContext()).check(.readyGatesTraffic)
        #expect(c?.status == .pass)
        #expect(c?.evidence == "i-2 readiness said not ready while it was starting at 08:00:11Z")
        // An instance that says it is ready while it loads fails it.
        r.observeReadiness(Self.ready(), instance: "i-2", at: Self.t0 + 12)
        #expect(r.review(ReviewContext()).check(.readyGatesTraffic)?.evidence == "i-2 readiness said ready while it was starting at 08:00:12Z: traffic is not held off")
    }

    @Test func aDrainedInstanceLeavingIsGraceful() {
        var r = Self.wellBuilt()
        r.observeListing(Self.listing([("i-1", "ready"), ("i-2", "ready")]), at: Self.t0 + 10)
        r.observeReadiness(Self.ready(), instance: "i-2", at: Self.t0 + 11)
        r.observeErrorRatio(0.001, at: Self.t0 + 12)
        r.observeListing(Self.listing([("i-1", "ready"), ("i-2", "draining")]), at: Self.t0 + 20)
        r.observeReadiness(Self.ready(ok: false), instance: "i-2", at: Self.t0 + 21)
        #expect(Self.statuses(r)["shutdown.graceful"] == .unknown)
        r.observeListing(Self.listing([("i-1", "ready")]), at: Self.t0 + 30)
        r.observeErrorRatio(0.002, at: Self.t0 + 35)
        let c = r.review(ReviewContext()).check(.gracefulShutdown)
        #expect(c?.status == .pass)
        #expect(c?.evidence == "i-2 stopped being ready before it left at 08:00:30Z; no 5xx burst followed")
    }

    @Test func anInstanceVanishingWhileReadyWithA5xxBurstFails() {
        var r = Self.wellBuilt()
        r.observeListing(Self.listing([("i-1", "ready"), ("i-2", "ready")]), at: Self.t0 + 10)
        r.observeReadiness(Self.ready(), instance: "i-2", at: Self.t0 + 11)
        r.observeErrorRatio(0.001, at: Self.t0 + 12)
        // Its last polls fail once it is gone: not the chute's health, and not a missing path.
        r.observeHealth(.failed("connection refused"), instance: "i-2", at: Self.t0 + 14)
        r.observeReadiness(.failed("HTTP 404 Not Found"), instance: "i-2", at: Self.t0 + 14)
        r.observeListing(Self.listing([("i-1", "ready")]), at: Self.t0 + 20)
        r.observeErrorRatio(0.3, at: Self.t0 + 25)
        let review = r.review(ReviewContext())
        #expect(review.check(.gracefulShutdown)?.status == .fail)
        #expect(review.check(.gracefulShutdown)?.evidence
            == "i-2 left at 08:00:20Z: went away while still ready (ready at 08:00:11Z); 5xx rose to 30 % after (from 0.1 %)")
        #expect(review.check(.healthEndpoint)?.status == .pass)
        #expect(review.check(.readyEndpoint)?.status == .pass)
    }

    @Test func whatASourceCannotSeeIsSaidNotFailed() {
        let context = ReviewContext(unseen: [.probes: "the platform has no health path", .metricsPage: "no page", .logs: "no logs"],
                                    gpuUnseen: "the platform exposes no GPU telemetry")
        let review = ReadinessReview(chute: "c").review(context)
        #expect(review.check(.healthEndpoint)?.status == .unknown)
        #expect(review.check(.healthEndpoint)?.evidence == "not visible from this source: the platform has no health path")
        #expect(review.check(.gpu)?.evidence == "not visible from this source: the platform exposes no GPU telemetry")
        #expect(review.checks.filter { $0.evidence.hasPrefix("not visible from this source") }.count == 14)
        #expect(review.worst == .pass)
    }
}
