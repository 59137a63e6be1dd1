/// One alert: a rule applied to one chute or instance, moving pending -> firing -> resolved,
/// with the operator's acknowledgement and snooze.
public struct Alert: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable { case pending, firing, resolved }

    /// `rule@chute` or `rule@chute/instance`.
    public var id: String
    public var rule: String
    public var severity: AlertSeverity
    public var chute: String
    public var instance: String?
    public var state: State
    /// When the condition began to hold, fired, and stopped holding.
    public var since: Double
    public var firedAt: Double?
    public var resolvedAt: Double?
    /// What was measured and against what, for the operator.
    public var summary: String
    public var acknowledged: Bool
    public var snoozedUntil: Double?
    /// Since when its condition has stopped holding, while the alert is held (a gap shorter
    /// than the rule's `for` neither drops nor resolves it); nil while the condition holds.
    public var clearSince: Double?
    /// While held: when it resolves (firing) or is dropped (pending) if the condition stays
    /// clear (`clearSince` + the rule's `for`).
    public var heldUntil: Double?

    /// The summary as said after the id, which names the instance already (`check` and
    /// `watch` print "target-down@chute/i-1: down", not "…/i-1: i-1: down").
    public var summaryAfterID: String {
        guard let instance, summary.hasPrefix(instance + ": ") else { return summary }
        return String(summary.dropFirst(instance.count + 2))
    }

    public init(id: String, rule: String, severity: AlertSeverity, chute: String, instance: String?, state: State, since: Double,
                firedAt: Double? = nil, resolvedAt: Double? = nil, summary: String, acknowledged: Bool = false, snoozedUntil: Double? = nil) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.chute = chute
        self.instance = instance
        self.state = state
        self.since = since
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.summary = summary
        self.acknowledged = acknowledged
        self.snoozedUntil = snoozedUntil
    }

    /// Firing and not acknowledged or snoozed at `now`: what should draw the eye.
    public func needsAttention(at now: Double) -> Bool {
        state == .firing && !acknowledged && (snoozedUntil.map { now >= $0 } ?? true)
    }
}
