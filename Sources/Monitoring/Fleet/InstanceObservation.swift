/// Everything chutetop has seen of one instance: its probes' records, the last health and
/// readiness reports, its counters over the rate window, the newest scrape and health flaps.
public struct InstanceObservation: Sendable {
    public var health = ProbeRecord()
    public var ready = ProbeRecord()
    public var metrics = ProbeRecord()
    public var lastHealth: HealthReport?
    public var lastReadiness: HealthReport?
    /// The request and bucket counters over the rate window.
    public private(set) var traffic: TrafficWindow
    /// The newest scrape (GPUs, breakers, skipped lines).
    public private(set) var latest: ScrapeDigest?
    public var healthFlaps = FlapCounter()
    /// The newest figures a fleet-wide source computed for this instance (instead of scrapes).
    public private(set) var computed: ComputedFigures.Instance?
    /// Counter resets seen in scrapes (each a restart of the process behind the page).
    public private(set) var restarts = 0

    /// `window`: seconds of counter points kept (`.infinity` for a snapshot).
    public init(window: Double) { traffic = TrafficWindow(window: window) }

    public func record(_ kind: ProbeKind) -> ProbeRecord {
        switch kind {
        case .health: health
        case .ready: ready
        case .metrics: metrics
        }
    }

    /// Takes one reading of one probe.
    public mutating func record(_ reading: SourceReading, kind: ProbeKind, at time: Double) {
        switch (reading, kind) {
        case (.report(let r), .health):
            health.succeeded(at: time)
            lastHealth = r
            healthFlaps.record(r.status, at: time)
        case (.report(let r), .ready):
            ready.succeeded(at: time)
            lastReadiness = r
        case (.scrape(let d), .metrics):
            metrics.succeeded(at: time)
            add(d)
        case (.failed(let e), .health):
            health.failed(e, at: time)
            lastHealth = HealthReport(status: .fail, bodyProblem: e)
            healthFlaps.record(.fail, at: time)
        case (.failed(let e), .ready):
            ready.failed(e, at: time)
            lastReadiness = HealthReport(status: .fail, bodyProblem: e)
        case (.failed(let e), .metrics):
            metrics.failed(e, at: time)
        default:
            return  // an outcome of the wrong kind for the probe
        }
    }

    public mutating func add(_ digest: ScrapeDigest) {
        if let before = latest, Self.restarted(before, digest) { restarts += 1 }
        traffic.add(digest)
        latest = digest
    }

    /// Figures a fleet-wide source computed for this instance, as of `time`.
    public mutating func take(_ figures: ComputedFigures.Instance, at time: Double) {
        metrics.succeeded(at: time)
        computed = figures
    }

    /// A request counter that went backwards (or was created anew) means the process restarted.
    private static func restarted(_ before: ScrapeDigest, _ after: ScrapeDigest) -> Bool {
        // Pages list their series in the same order scrape after scrape: compare position by
        // position, and look a series up only when the order changed.
        for (k, r) in after.requests.enumerated() {
            let previous = k < before.requests.count && before.requests[k].counter.series == r.counter.series
                ? before.requests[k] : before.requests.first { $0.counter.series == r.counter.series }
            if let previous, r.counter.point.isReset(after: previous.counter.point) { return true }
        }
        return false
    }
}
