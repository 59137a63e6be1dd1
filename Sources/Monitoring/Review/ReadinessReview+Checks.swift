/// What the review is decided with besides its evidence: what the source cannot see (in its
/// words), whether an alert rule watches the chute's latency, and what settles the log checks
/// (the dashboard reads logs only in its logs view).
public struct ReviewContext: Sendable {
    public var unseen: [ReviewArea: String]
    /// Why the source cannot read GPU figures (nil when it can).
    public var gpuUnseen: String?
    public var latencyAlerts: Bool
    /// What would bring log lines ("a log line", "open its logs").
    public var logsSettledBy: String

    public init(unseen: [ReviewArea: String] = [:], gpuUnseen: String? = nil, latencyAlerts: Bool = false,
                logsSettledBy: String = "a log line of the chute") {
        self.unseen = unseen
        self.gpuUnseen = gpuUnseen
        self.latencyAlerts = latencyAlerts
        self.logsSettledBy = logsSettledBy
    }
}

extension ReadinessReview {
    /// Every check, in the form's order, decided on the evidence so far.
    public func review(_ context: ReviewContext) -> ChuteReview {
        let t = ReviewClock.time
        var checks: [ReviewCheck] = []
        func add(_ id: ReviewCheckID, _ status: ReviewStatus, _ evidence: String) { checks.append(ReviewCheck(id, status, evidence)) }
        func unseen(_ area: ReviewArea, _ ids: [ReviewCheckID]) -> Bool {
            guard let reason = context.unseen[area] else { return false }
            for id in ids { add(id, .unknown, "not visible from this source: " + reason) }
            return true
        }

        // Health and readiness.
        if !unseen(.probes, [.healthEndpoint, .healthFast, .readyEndpoint, .readyDependencies, .readyGatesTraffic]) {
            if let bad = healthBad {
                add(.healthEndpoint, .fail, "\(bad.instance) \(bad.value) at \(t(bad.at)) while serving")
            } else if let good = healthGood {
                add(.healthEndpoint, .pass, "\(good.instance) GET \(good.value.path) → 200 with \(good.value.bodyBytes) bytes at \(t(good.at))")
            } else if let empty = healthEmpty {
                add(.healthEndpoint, .warn, "\(empty.instance) GET \(empty.value.path) → 200 with an empty body at \(t(empty.at)): it says nothing of what was checked")
            } else {
                add(.healthEndpoint, .unknown, "no health answer yet (the next health poll settles it)")
            }
            if let slow = healthSlowest, let fast = healthFastest {
                let path = healthPath ?? "the health endpoint"
                // An expensive check is slow every time: even its fastest answer took over 1 s.
                // Slow answers beside fast ones (a loaded machine, a pause) are said, not failed.
                if fast.value > 1 {
                    add(.healthFast, .fail, "even the fastest of \(healthAnswers) answers took \(ReviewClock.seconds(fast.value)) (\(fast.instance) GET \(path) at \(t(fast.at)))")
                } else {
                    let over = healthSlow > 0 ? ", \(healthSlow) over 1 s" : ""
                    add(.healthFast, .pass, "fastest \(ReviewClock.seconds(fast.value)), slowest \(ReviewClock.seconds(slow.value)) of \(healthAnswers) answers (\(slow.instance) at \(t(slow.at)))\(over)")
                }
            } else {
                add(.healthFast, .unknown, "no health answer timed yet (the next health poll settles it)")
            }
            decideReadiness(add)
        }

        // The metrics page.
        if !unseen(.metricsPage, [.metricsExposed, .requestCounter, .errorCounter, .latencyHistogram, .breakers]) {
            decidePages(add)
        }
        if let reason = context.gpuUnseen {
            add(.gpu, .unknown, "not visible from this source: " + reason)
        } else if !unseen(.metricsPage, [.gpu]) {
            if let p = newestPage(where: { !$0.gpus.isEmpty }) {
                add(.gpu, .pass, "\(p.value.gpus.count) GPU\(p.value.gpus.count == 1 ? "" : "s") reported on /metrics (\(p.instance) at \(t(p.at)))")
            } else if let p = newestPage() {
                add(.gpu, .fail, "no GPU telemetry (DCGM or nvidia-smi exporter names) on /metrics (\(p.instance) at \(t(p.at)))")
            } else {
                add(.gpu, .unknown, "no metrics page read yet (the next scrape settles it)")
            }
        }

        // Logs.
        if !unseen(.logs, [.logsStructured, .logLevels, .logCorrelation]) { decideLogs(context, add) }

        // Scaling and shutdown.
        decideScaling(context, add)
        decideShutdown(add)
        return ChuteReview(chute: chute, checks: checks)
    }

    private func decideReadiness(_ add: (ReviewCheckID, ReviewStatus, String) -> Void) {
        let t = ReviewClock.time
        if let missing = readyMissing {
            add(.readyEndpoint, .fail, "\(missing.instance) \(missing.value) at \(t(missing.at)) while its health answered: no readiness endpoint")
        } else if let same = readySameAsHealth {
            add(.readyEndpoint, .fail, "\(same.instance) GET \(same.value.path) answers as health does (\(same.value.code) \"\(same.value.excerpt)\") at \(t(same.at)): not a distinct readiness check")
        } else if let distinct = readyDistinct {
            add(.readyEndpoint, .pass, distinct.value.map { "\(distinct.instance) GET \($0.path) → \($0.code), distinct from health, at \(t(distinct.at))" }
                ?? "\(distinct.instance) readiness answered at \(t(distinct.at))")
        } else {
            add(.readyEndpoint, .unknown, "no readiness answer yet (the next readiness poll settles it)")
        }
        if let named = readyWithChecks, readyWithoutChecks == nil {
            add(.readyDependencies, .pass, "readiness names \(named.value.sorted().joined(separator: ", ")) (\(named.instance) at \(t(named.at)))")
        } else if let bare = readyWithoutChecks {
            let said = bare.value.map { "\"\($0.excerpt)\"" } ?? "only a status"
            add(.readyDependencies, .fail, "readiness says \(said) with no named checks (\(bare.instance) at \(t(bare.at)))")
        } else if let missing = readyMissing {
            add(.readyDependencies, .fail, "no readiness endpoint to report dependencies (\(missing.instance) at \(t(missing.at)))")
        } else {
            add(.readyDependencies, .unknown, "no readiness answer yet (the next readiness poll settles it)")
        }
        if let u = ungated {
            add(.readyGatesTraffic, .fail, "\(u.instance) \(u.value) at \(t(u.at)): traffic is not held off")
        } else if let g = gated {
            add(.readyGatesTraffic, .pass, "\(g.instance) \(g.value) at \(t(g.at))")
        } else {
            add(.readyGatesTraffic, .unknown, "no instance started or drained while watched (a scale-up, scale-down or restart settles it)")
        }
    }

    private func newestPage(where wanted: (ScrapeDigest) -> Bool = { _ in true }) -> Seen<ScrapeDigest>? {
        pages.values.filter { wanted($0.value) }.max { ($0.at, $0.instance) < ($1.at, $1.instance) }
    }

    private func decidePages(_ add: (ReviewCheckID, ReviewStatus, String) -> Void) {
        let t = ReviewClock.time
        guard let newest = newestPage() else {
            let why = metricsFailure.map { "\($0.instance) /metrics: \($0.value) at \(t($0.at))" }
            add(.metricsExposed, metricsFailure == nil ? .unknown : .fail, why ?? "no metrics page read yet (the next scrape settles it)")
            for id in [ReviewCheckID.requestCounter, .errorCounter, .latencyHistogram, .breakers] {
                add(id, .unknown, "no metrics page read yet (\(why ?? "the next scrape settles it"))")
            }
            return
        }
        if let broken = newestPage(where: { $0.skippedLines > 0 }) {
            add(.metricsExposed, .fail, "\(broken.instance) /metrics: \(broken.value.skippedLines) line\(broken.value.skippedLines == 1 ? "" : "s") could not be parsed at \(t(broken.at))")
        } else {
            add(.metricsExposed, .pass, "\(newest.instance) /metrics: \(newest.value.sampleCount) samples, no parse errors, at \(t(newest.at))")
        }
        let shape = newest.value.shape
        let at = "(\(newest.instance) at \(t(newest.at)))"
        switch (shape?.requestCounter, shape?.statusLabel) {
        case let (counter?, label?):
            add(.requestCounter, .pass, "\(counter) with label \(label) \(at)")
            let errors = newest.value.requests.filter(\.serverError).count
            add(.errorCounter, .pass, "5xx countable from \(label) (\(errors) 5xx series so far) \(at)")
        case let (counter?, nil):
            add(.requestCounter, .fail, "\(counter) has no status or code label \(at)")
            add(.errorCounter, .fail, "5xx cannot be told from other requests: \(counter) has no status label \(at)")
        default:
            add(.requestCounter, .fail, "no request counter on /metrics \(at)")
            add(.errorCounter, .fail, "no request counter to count 5xx from \(at)")
        }
        // An instance that has served nothing yet says nothing of the buckets.
        decideLatency(newestPage(where: { $0.shape?.latency == .histogram && $0.buckets.contains { $0.counter.point.value > 0 } }) ?? newest, add)
        if let b = newestPage(where: { !$0.breakers.isEmpty }) {
            let names = Array(Set(b.value.breakers.map(\.name))).sorted()
            add(.breakers, .pass, "breaker state for \(names.joined(separator: ", ")) (\(b.instance) at \(t(b.at)))")
        } else if let named = readyWithChecks {
            let external = named.value.filter { !Self.localChecks.contains($0.lowercased()) }
            if external.isEmpty {
                add(.breakers, .pass, "readiness names no external dependency (\(named.value.sorted().joined(separator: ", "))): no breaker needed \(at)")
            } else {
                add(.breakers, .fail, "readiness names \(external.sorted().joined(separator: ", ")) but /metrics has no breaker state \(at)")
            }
        } else {
            add(.breakers, .warn, "no circuit-breaker state on /metrics, and readiness names no dependencies to tell \(at)")
        }
    }

    /// Readiness checks that are the process itself, not a dependency a breaker would guard.
    static let localChecks: Set<String> = ["model", "models", "engine", "gpu", "gpus", "cuda", "disk", "memory", "self", "process", "weights", "startup"]

    private func decideLatency(_ page: Seen<ScrapeDigest>, _ add: (ReviewCheckID, ReviewStatus, String) -> Void) {
        let at = "(\(page.instance) at \(ReviewClock.time(page.at)))"
        switch page.value.shape?.latency ?? .none {
        case .summary:
            add(.latencyHistogram, .warn, "only a summary (\(page.value.shape?.latencyFamily ?? "latency")): its quantiles cannot be aggregated across instances \(at)")
        case .none:
            add(.latencyHistogram, .fail, "no latency histogram on /metrics \(at)")
        case .histogram:
            var byBound: [Double: Double] = [:]
            for b in page.value.buckets { byBound[b.upperBound, default: 0] += b.counter.point.value }
            let buckets = byBound.keys.sorted().map { (upperBound: $0, count: byBound[$0]!) }
            let name = page.value.shape?.latencyFamily ?? "latency"
            guard let total = buckets.last?.count, total > 0, let top = buckets.last(where: { $0.upperBound.isFinite }) else {
                add(.latencyHistogram, .unknown, "histogram \(name) has no observations yet (traffic settles it) \(at)")
                return
            }
            if top.count < 0.99 * total {
                let beyond = (total - top.count) / total * 100
                add(.latencyHistogram, .fail, "p99 is beyond the largest bucket (\(Self.bound(top.upperBound))): \(Self.percent(beyond)) of \(Int(total)) requests in +Inf \(at)")
            } else {
                let p99 = HistogramQuantile.quantile(0.99, buckets)
                add(.latencyHistogram, .pass, "histogram \(name), \(buckets.count - 1) buckets to \(Self.bound(top.upperBound)); p99 ≈ \(ReviewClock.seconds(p99)) within them \(at)")
            }
        }
    }

    static func bound(_ b: Double) -> String { b == b.rounded() ? "\(Int(b)) s" : "\(b) s" }

    static func percent(_ p: Double) -> String { p >= 10 ? "\(Int(p.rounded())) %" : ReviewClock.format2(p).replacingZeros + " %" }

    private func decideLogs(_ context: ReviewContext, _ add: (ReviewCheckID, ReviewStatus, String) -> Void) {
        let t = ReviewClock.time
        guard lines > 0, let last = lastLine else {
            for id in [ReviewCheckID.logsStructured, .logLevels, .logCorrelation] {
                add(id, .unknown, "no log line read yet (\(context.logsSettledBy) settles it)")
            }
            return
        }
        let of = "of \(lines) lines"
        if Double(structuredWithTime) >= 0.9 * Double(lines) {
            add(.logsStructured, .pass, "\(structuredWithTime) \(of) structured with a timestamp (\(last.instance) at \(t(last.at)))")
        } else if let plain = plainExample {
            add(.logsStructured, .fail, "\(lines - structuredWithTime - structuredWithoutTime) \(of) plain text, e.g. \"\(plain.value)\" (\(plain.instance) at \(t(plain.at)))")
        } else {
            add(.logsStructured, .fail, "\(structuredWithoutTime) \(of) structured but without a timestamp (\(last.instance) at \(t(last.at)))")
        }
        if Double(levelled) >= 0.9 * Double(lines) {
            add(.logLevels, .pass, "\(levelled) \(of) carry a level (\(last.instance) at \(t(last.at)))")
        } else {
            let e = unlevelledExample
            add(.logLevels, .fail, "\(lines - levelled) \(of) have no level\(e.map { ", e.g. \"\($0.value)\" (\($0.instance) at \(t($0.at)))" } ?? "")")
        }
        if requestLines == 0 {
            add(.logCorrelation, .unknown, "no request line among \(lines) read (a request's log line settles it)")
        } else if Double(requestLinesWithID) >= 0.9 * Double(requestLines), let id = withIDExample {
            add(.logCorrelation, .pass, "\(requestLinesWithID) of \(requestLines) request lines carry an id, e.g. \(id.value) (\(id.instance) at \(t(id.at)))")
        } else {
            let e = withoutIDExample
            add(.logCorrelation, .fail, "\(requestLines - requestLinesWithID) of \(requestLines) request lines carry no request or correlation id\(e.map { ", e.g. \"\($0.value)\" (\($0.instance) at \(t($0.at)))" } ?? "")")
        }
    }

    private func decideScaling(_ context: ReviewContext, _ add: (ReviewCheckID, ReviewStatus, String) -> Void) {
        let t = ReviewClock.time
        guard let listed = limits else {
            add(.scalingKnobs, .unknown, "the control plane has not been read yet (the next listing settles it)")
            add(.coldStart, .unknown, "the control plane has not been read yet (the next listing settles it)")
            return
        }
        let c = listed.value
        if let error = c.controlError {
            add(.scalingKnobs, .unknown, "the control plane could not be read: \(error)")
            add(.coldStart, .unknown, "the control plane could not be read: \(error)")
            return
        }
        var missing: [String] = []
        if c.maxInstances == nil { missing.append("max instances") }
        if c.scalingThreshold == nil { missing.append("scaling threshold") }
        if c.shutdownAfterSeconds == nil { missing.append("shutdown-after") }
        if missing.isEmpty {
            add(.scalingKnobs, .pass, "max \(c.maxInstances!), threshold \(c.scalingThreshold!), shutdown after \(Int(c.shutdownAfterSeconds!)) s (control plane at \(t(listed.at)))")
        } else {
            add(.scalingKnobs, .fail, "\(missing.joined(separator: ", ")) not set (control plane at \(t(listed.at)))")
        }
        switch c.minInstances {
        case nil:
            add(.coldStart, .unknown, "the control plane does not say the chute's minimum instances")
        case let min? where min > 0:
            add(.coldStart, .pass, "min \(min): never scales to zero (control plane at \(t(listed.at)))")
        default:
            if let cold = coldStart {
                if context.latencyAlerts {
                    add(.coldStart, .warn, "min 0 and \(cold.instance) \(cold.value) at \(t(cold.at)); latency alerts will page on its cold starts")
                } else {
                    add(.coldStart, .pass, "min 0; \(cold.instance) \(cold.value) at \(t(cold.at)), and no latency alert watches it")
                }
            } else {
                add(.coldStart, .pass, "min 0; no cold start seen since \(t(since ?? listed.at))")
            }
        }
    }

    private func decideShutdown(_ add: (ReviewCheckID, ReviewStatus, String) -> Void) {
        let t = ReviewClock.time
        let judged = departures.map { d -> (Departure, String?) in
            var faults: [String] = []
            if !d.stoppedBeingReady {
                faults.append("went away while still ready" + (d.lastReadyAt.map { " (ready at \(t($0)))" } ?? ""))
            }
            if let after = d.errorRatioAfter, after > Self.burstRatio, after > 2 * (d.errorRatioBefore ?? 0) {
                faults.append("5xx rose to \(Self.percent(after * 100)) after (from \(Self.percent((d.errorRatioBefore ?? 0) * 100)))")
            }
            return (d, faults.isEmpty ? nil : faults.joined(separator: "; "))
        }
        if let (d, fault) = judged.last(where: { $0.1 != nil }), let fault {
            add(.gracefulShutdown, .fail, "\(d.instance) left at \(t(d.at)): \(fault)")
        } else if let (d, _) = judged.last {
            add(.gracefulShutdown, .pass, "\(d.instance) stopped being ready before it left at \(t(d.at)); no 5xx burst followed")
        } else {
            add(.gracefulShutdown, .unknown, "no instance went away while watched (a scale-down or restart settles it)")
        }
    }
}

private extension String {
    /// "0.50" → "0.5", "2.00" → "2".
    var replacingZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
