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

    public mutating func add(_ digest: ScrapeDigest) {
        traffic.add(digest)
        latest = digest
    }
}
