import Monitoring

/// One thing that happened to the fleet, typed: the incident timeline, the chute view's
/// events and a recorded session are all made of these. Text is the views' business
/// (`EventText`); the core keeps the facts.
public struct FleetEvent: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// An alert was opened (pending or firing at once), fired, or resolved.
        case alert(id: String, rule: String, severity: AlertSeverity, state: Alert.State, summary: String)
        /// A chute's circuit breaker changed state; `from` nil: first seen already in `to`.
        case breaker(name: String, from: BreakerState?, to: BreakerState)
        /// A health or readiness verdict changed (nil: no verdict, e.g. the probe went stale).
        case health(probe: ProbeKind, from: HealthStatus?, to: HealthStatus?)
        case instanceAppeared
        case instanceGone
        /// The process behind an instance restarted (its request counters went back).
        case instanceRestarted
        /// The control plane's target instance count moved.
        case targetChanged(from: Int, to: Int)
        /// chutetop's own breaker for polling one probe of an instance changed state.
        case pollBreaker(probe: ProbeKind, from: BreakerState?, to: BreakerState)
        /// An operator's action ran (or was refused), as audited.
        case action(name: String, succeeded: Bool, detail: String)
        /// The operator acknowledged an alert or snoozed it, with a note.
        case alertHandled(id: String, acknowledged: Bool, snoozedUntil: Double?, note: String?)
    }

    public var time: Double
    public var chute: String
    public var instance: String?
    public var kind: Kind

    public init(time: Double, chute: String, instance: String? = nil, kind: Kind) {
        self.time = time
        self.chute = chute
        self.instance = instance
        self.kind = kind
    }

    /// Whether the chute view's "events" list shows it (alerts have their own lines there,
    /// health changes their own strip in the instance view).
    public var isChuteEvent: Bool {
        switch kind {
        case .breaker, .instanceAppeared, .instanceGone, .instanceRestarted, .targetChanged, .action: true
        case .alert, .alertHandled, .health, .pollBreaker: false
        }
    }
}
