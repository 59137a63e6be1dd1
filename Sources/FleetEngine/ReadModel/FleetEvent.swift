import Monitoring

/// One thing that happened to the fleet, typed: the incident timeline, the chute view's
/// events and a recorded session are all made of these. Text is the views' business
/// (`EventText`); the core keeps the facts. An event of the whole fleet (an incident, a note
/// on no chute) has an empty `chute`.
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
        /// The chute's minimum or maximum instance count moved (nil: not known).
        case limitsChanged(fromMin: Int?, toMin: Int?, fromMax: Int?, toMax: Int?)
        /// chutetop's own breaker for polling one probe of an instance changed state.
        case pollBreaker(probe: ProbeKind, from: BreakerState?, to: BreakerState)
        /// An operator's action ran (or was refused), as audited (`FleetEvent.audit`).
        case action(name: String, succeeded: Bool, detail: String)
        /// The operator acknowledged an alert or snoozed it, with a note.
        case alertHandled(id: String, acknowledged: Bool, snoozedUntil: Double?, note: String?)
        /// Alerts matching these matchers were silenced at Alertmanager until a time.
        case silenced(matchers: String, until: Double?)
        /// An operator's note on a chute, an instance or (empty chute) the fleet.
        case note(text: String)
        /// An incident was started (`:incident start TITLE`): the span a handoff covers begins.
        case incidentStarted(id: String, title: String)
        case incidentEnded(id: String)
        /// This session was recorded to a file (`--record`), from this moment: the recording a
        /// handoff of its span can name.
        case recording(path: String)
    }

    /// What the timeline view filters by.
    public enum Category: String, Sendable, Hashable, CaseIterable, Codable {
        case alerts, breakers, health, instances, scaling, actions, notes, incidents
    }

    public var time: Double
    public var chute: String
    public var instance: String?
    public var kind: Kind
    /// An action's audit record (its result, as written to the audit log).
    public var audit: AuditRecord?

    public init(time: Double, chute: String, instance: String? = nil, kind: Kind, audit: AuditRecord? = nil) {
        self.time = time
        self.chute = chute
        self.instance = instance
        self.kind = kind
        self.audit = audit
    }

    /// Whether the chute view's "events" list shows it (alerts have their own lines there,
    /// health changes their own strip in the instance view).
    public var isChuteEvent: Bool {
        switch kind {
        case .breaker, .instanceAppeared, .instanceGone, .instanceRestarted, .targetChanged, .limitsChanged, .action, .note: true
        case .alert, .alertHandled, .silenced, .health, .pollBreaker, .incidentStarted, .incidentEnded, .recording: false
        }
    }

    public var category: Category {
        switch kind {
        case .alert, .alertHandled, .silenced: .alerts
        case .breaker, .pollBreaker: .breakers
        case .health: .health
        case .instanceAppeared, .instanceGone, .instanceRestarted: .instances
        case .targetChanged, .limitsChanged: .scaling
        case .action: .actions
        case .note: .notes
        case .incidentStarted, .incidentEnded, .recording: .incidents
        }
    }
}
