import Monitoring

/// What the engine knows of the context's Alertmanager: its active alerts as last read, when,
/// and, while reads fail, the error and since when (the alerts then shown are as old as
/// `readAt` says, never passed off as current).
public struct AlertmanagerAlerts: Sendable, Hashable {
    public struct Problem: Sendable, Hashable {
        public var error: String
        /// The first failure of this run of failures, and the latest.
        public var since: Double
        public var last: Double
    }

    /// Firing before muted, then by severity (worst first), then by name and fingerprint.
    public private(set) var alerts: [AlertmanagerAlert] = []
    /// When the alerts were last read (nil: never).
    public private(set) var readAt: Double?
    public private(set) var problem: Problem?

    public init() {}

    mutating func record(_ reading: AlertmanagerReading, at time: Double) {
        switch reading {
        case .alerts(let list):
            alerts = list.sorted(by: Self.displayOrder)
            readAt = time
            problem = nil
        case .failed(let error):
            problem = Problem(error: error, since: problem?.since ?? time, last: time)
        }
    }

    /// The alerts whose `chute` label names this chute.
    public func of(chute: String) -> [AlertmanagerAlert] { alerts.filter { $0.chute == chute } }

    /// Chutes with an Alertmanager alert firing (active, not silenced or inhibited).
    public var firingChutes: Set<String> { Set(alerts.filter(\.isFiring).compactMap(\.chute)) }

    static func displayOrder(_ a: AlertmanagerAlert, _ b: AlertmanagerAlert) -> Bool {
        if a.isFiring != b.isFiring { return a.isFiring }
        let (sa, sb) = (a.severity ?? .warning, b.severity ?? .warning)
        if sa != sb { return sa > sb }
        if a.name != b.name { return a.name < b.name }
        return a.fingerprint < b.fingerprint
    }
}
