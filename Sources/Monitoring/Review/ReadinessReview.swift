/// The evidence for one chute's production-readiness review, accumulated from what chutetop
/// observes of it while it runs: health and readiness answers, metrics pages, log lines, the
/// control plane's listings (limits, phases, instances coming and going) and the chute's 5xx
/// ratio as judged. Pure: fed observations with their times, it decides every check
/// (`checks(at:…)`, in ReadinessReview+Checks). Small and bounded: the latest facts per
/// instance and counters, never a list of every observation.
public struct ReadinessReview: Sendable {
    /// Something seen on one instance at one time.
    struct Seen<Value: Sendable>: Sendable {
        var instance: String
        var at: Double
        var value: Value
    }

    /// An instance that left the listing, and what preceded it.
    struct Departure: Sendable {
        var instance: String
        var at: Double
        /// The listing showed it draining, or it answered "not ready" before it went.
        var stoppedBeingReady: Bool
        /// When its readiness last said ready, if it did.
        var lastReadyAt: Double?
        /// The chute's 5xx ratio when it went, and the highest within `burstWindow` after.
        var errorRatioBefore: Double?
        var errorRatioAfter: Double?
    }

    public let chute: String
    /// When the first observation arrived.
    var since: Double?

    // Health.
    var healthGood: Seen<ProbeAnswer>?
    var healthEmpty: Seen<ProbeAnswer>?
    var healthBad: Seen<String>?
    var healthSlowest: Seen<Double>?
    var healthFastest: Seen<Double>?
    var healthAnswers = 0
    /// Answers (and timeouts) over 1 s.
    var healthSlow = 0
    var healthPath: String?
    var lastHealthAnswer: [String: ProbeAnswer] = [:]

    // Readiness.
    var readyWithChecks: Seen<[String]>?
    var readyWithoutChecks: Seen<ProbeAnswer?>?
    /// A readiness path that answered 404 while the same instance's health answered 200
    /// afterwards (so the instance was there, its readiness endpoint was not).
    var readyMissing: Seen<String>?
    var readyMissingPending: Seen<String>?
    var readySameAsHealth: Seen<ProbeAnswer>?
    var readyDistinct: Seen<ProbeAnswer?>?
    var gated: Seen<String>?
    var ungated: Seen<String>?
    /// Per instance: when readiness last said ready, and when it last answered "not ready".
    var lastSaidReady: [String: Double] = [:]
    var lastSaidNotReady: [String: Double] = [:]

    // Metrics pages: the latest per instance, and the latest failure.
    var pages: [String: Seen<ScrapeDigest>] = [:]
    var metricsFailure: Seen<String>?

    // Logs.
    var lines = 0
    var structuredWithTime = 0
    var structuredWithoutTime = 0
    var levelled = 0
    var requestLines = 0
    var requestLinesWithID = 0
    var plainExample: Seen<String>?
    var unlevelledExample: Seen<String>?
    var withoutIDExample: Seen<String>?
    var withIDExample: Seen<String>?
    var lastLine: Seen<LogFormat>?

    // The control plane.
    var limits: Seen<FleetInventory.Chute>?
    var phases: [String: String] = [:]
    var drainingSeen: Set<String> = []
    var coldStart: Seen<String>?
    var departures: [Departure] = []
    var errorRatio: Double?

    /// Seconds after a departure in which a 5xx burst is blamed on it.
    public static let burstWindow = 60.0
    /// A 5xx ratio above this (and above twice the ratio when the instance went) is a burst.
    public static let burstRatio = 0.05
    /// Departures kept (the newest).
    static let keptDepartures = 8

    public init(chute: String) { self.chute = chute }

    mutating func saw(_ at: Double) { since = min(since ?? at, at) }

    /// A health answer of `instance` (a report, or a read that failed).
    public mutating func observeHealth(_ reading: SourceReading, instance: String, at: Double) {
        saw(at)
        let serving = !["starting", "draining"].contains(phases[instance] ?? "")
        switch reading {
        case .report(let r):
            guard let a = r.answer else {
                if r.status == .pass { healthBad = nil }
                return
            }
            healthAnswers += 1
            healthPath = a.path
            lastHealthAnswer[instance] = a
            if healthSlowest == nil || a.seconds >= healthSlowest!.value { healthSlowest = Seen(instance: instance, at: at, value: a.seconds) }
            if healthFastest == nil || a.seconds < healthFastest!.value { healthFastest = Seen(instance: instance, at: at, value: a.seconds) }
            if a.seconds > 1 { healthSlow += 1 }
            if a.code == 200, let pending = readyMissingPending, pending.instance == instance, pending.at <= at {
                readyMissing = pending
                readyMissingPending = nil
            }
            if a.code == 200 && a.bodyBytes > 0 {
                healthGood = Seen(instance: instance, at: at, value: a)
                healthBad = nil
            } else if a.code == 200 {
                healthEmpty = Seen(instance: instance, at: at, value: a)
            } else if serving {
                healthBad = Seen(instance: instance, at: at, value: "GET \(a.path) answered \(a.code)")
            }
        case .failed(let e):
            if Self.isTimeout(e) {
                healthSlowest = Seen(instance: instance, at: at, value: .infinity)
                if healthFastest == nil { healthFastest = Seen(instance: instance, at: at, value: .infinity) }
                healthAnswers += 1
                healthSlow += 1
            }
            if serving { healthBad = Seen(instance: instance, at: at, value: e) }
        case .scrape, .figures:
            return
        }
    }

    /// A readiness answer of `instance`.
    public mutating func observeReadiness(_ reading: SourceReading, instance: String, at: Double) {
        saw(at)
        let phase = phases[instance]
        switch reading {
        case .report(let r):
            let notFound = r.answer.map { $0.code == 404 || $0.code == 410 } ?? false
            if notFound {
                readyMissingPending = Seen(instance: instance, at: at, value: "GET \(r.answer!.path) answered \(r.answer!.code)")
                return
            }
            readyMissing = nil
            readyMissingPending = nil
            let names = r.checks.map(\.name)
            if names.isEmpty {
                readyWithoutChecks = Seen(instance: instance, at: at, value: r.answer)
            } else {
                readyWithChecks = Seen(instance: instance, at: at, value: names)
                readyWithoutChecks = nil
            }
            if let a = r.answer, let h = lastHealthAnswer[instance] {
                if a.path == h.path || (names.isEmpty && a.code == h.code && a.excerpt == h.excerpt) {
                    readySameAsHealth = Seen(instance: instance, at: at, value: a)
                } else {
                    readySameAsHealth = nil
                    readyDistinct = Seen(instance: instance, at: at, value: a)
                }
            } else if r.answer == nil {
                readyDistinct = Seen(instance: instance, at: at, value: nil)
            }
            if r.status == .pass { lastSaidReady[instance] = at } else { lastSaidNotReady[instance] = at }
            if let phase, phase == "starting" || phase == "draining" {
                if r.status == .pass {
                    ungated = Seen(instance: instance, at: at, value: "readiness said ready while it was \(phase)")
                } else {
                    gated = Seen(instance: instance, at: at, value: "readiness said not ready while it was \(phase)")
                }
            }
        case .failed(let e):
            if e.contains("404") || e.contains("410") { readyMissingPending = Seen(instance: instance, at: at, value: "readiness answered " + e) }
        case .scrape, .figures:
            return
        }
    }

    /// A metrics page of `instance`, reduced, or why it could not be read.
    public mutating func observeMetrics(_ reading: SourceReading, instance: String, at: Double) {
        saw(at)
        switch reading {
        case .scrape(let d):
            pages[instance] = Seen(instance: instance, at: at, value: d)
            metricsFailure = nil
        case .failed(let e):
            metricsFailure = Seen(instance: instance, at: at, value: e)
        case .report, .figures:
            return
        }
    }

    /// One log line of `instance`, read at `at`.
    public mutating func observeLog(_ entry: LogEntry, instance: String, at: Double) {
        saw(at)
        lines += 1
        lastLine = Seen(instance: instance, at: at, value: entry.format)
        let example = { String(entry.message.prefix(60)) }
        if entry.format != .plain {
            if entry.time != nil { structuredWithTime += 1 } else { structuredWithoutTime += 1 }
        } else {
            plainExample = Seen(instance: instance, at: at, value: example())
        }
        if entry.level != nil { levelled += 1 } else { unlevelledExample = Seen(instance: instance, at: at, value: example()) }
        if entry.requestID != nil || Self.isRequestLine(entry) {
            requestLines += 1
            if let id = entry.requestID {
                requestLinesWithID += 1
                withIDExample = Seen(instance: instance, at: at, value: id)
            } else {
                withoutIDExample = Seen(instance: instance, at: at, value: example())
            }
        }
    }

    /// The control plane's listing of this chute.
    public mutating func observeListing(_ chute: FleetInventory.Chute, at: Double) {
        saw(at)
        limits = Seen(instance: "", at: at, value: chute)
        guard chute.controlError == nil else { return }
        let listed = Dictionary(chute.instances.map { ($0.id, $0.phase ?? "") }, uniquingKeysWith: { a, _ in a })
        let anyReady = chute.instances.contains { $0.phase == "ready" }
        for i in chute.instances {
            if i.phase == "draining" { drainingSeen.insert(i.id) }
            if i.phase == "starting", !anyReady, phases[i.id] != "starting", coldStart?.instance != i.id {
                coldStart = Seen(instance: i.id, at: at, value: "started with no instance ready")
            }
        }
        for (id, _) in phases where listed[id] == nil {
            let stopped = drainingSeen.contains(id) || (lastSaidNotReady[id] ?? -.infinity) > (lastSaidReady[id] ?? -.infinity)
            departures.append(Departure(instance: id, at: at, stoppedBeingReady: stopped, lastReadyAt: lastSaidReady[id],
                                        errorRatioBefore: errorRatio))
            if departures.count > Self.keptDepartures { departures.removeFirst() }
            // What its last polls said after it went (a 404, a refused connection) is not the
            // chute's fault.
            if healthBad?.instance == id { healthBad = nil }
            if readyMissing?.instance == id { readyMissing = nil }
            if readyMissingPending?.instance == id { readyMissingPending = nil }
            if metricsFailure?.instance == id { metricsFailure = nil }
            drainingSeen.remove(id)
            lastSaidReady[id] = nil
            lastSaidNotReady[id] = nil
            lastHealthAnswer[id] = nil
            pages[id] = nil
        }
        phases = listed
    }

    /// The chute's 5xx ratio as judged at `at` (nil: unknown).
    public mutating func observeErrorRatio(_ ratio: Double?, at: Double) {
        errorRatio = ratio
        guard let ratio else { return }
        for k in departures.indices where at - departures[k].at <= Self.burstWindow && at >= departures[k].at {
            departures[k].errorRatioAfter = max(departures[k].errorRatioAfter ?? 0, ratio)
        }
    }

    static func isTimeout(_ error: String) -> Bool {
        error.contains("timed out") || error.contains("timeout") || error.contains("no complete response within")
    }

    /// A line about serving a request: it names an HTTP method and a path, or has the fields
    /// access logs have (method, path, route, status).
    static func isRequestLine(_ entry: LogEntry) -> Bool {
        let words = entry.message.split(separator: " ", maxSplits: 2)
        if words.count >= 2, ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].contains(String(words[0])), words[1].hasPrefix("/") { return true }
        return entry.fields.contains { ["method", "path", "route", "status", "status_code"].contains($0.name) }
    }
}
