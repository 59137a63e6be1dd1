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

    /// `window`: seconds of counter points kept (`.infinity` for a snapshot).
    public init(window: Double) { traffic = TrafficWindow(window: window) }

    public func record(_ kind: ProbeKind) -> ProbeRecord {
        switch kind {
        case .health: health
        case .ready: ready
        case .metrics: metrics
        }
    }

    /// Takes one poll's outcome.
    public mutating func record(_ outcome: ProbeOutcome, kind: ProbeKind, at time: Double) {
        switch (outcome, kind) {
        case (.report(let r), .health):
            health.succeeded(at: time)
            lastHealth = r
            healthFlaps.record(r.status, at: time)
        case (.report(let r), .ready):
            ready.succeeded(at: time)
            lastReadiness = r
        case (.metrics(let d), .metrics):
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
        traffic.add(digest)
        latest = digest
    }
}
