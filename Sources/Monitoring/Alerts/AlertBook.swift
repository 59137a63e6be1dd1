/// The alerts of a fleet and their life cycle. `evaluate` is pure and takes time as input:
/// a condition that starts to hold opens a pending alert; once it has held for the rule's
/// `for` the alert fires. A condition that stops holding is held by the same `for`: a gap
/// shorter than it neither drops a pending alert (its time keeps counting) nor resolves a
/// firing one, so a flapping condition is one alert that fires once, not a pending-dropped or
/// fire-resolve storm. Once clear for `for`, a pending alert is dropped and a firing one
/// resolved (kept `keepResolved` seconds for the operator to see). Acknowledgement and snooze
/// survive until the alert resolves, and across a restart (`carry`).
public struct AlertBook: Sendable {
    public var rules: [AlertRule]
    public var keepResolved: Double
    public private(set) var alerts: [String: Alert] = [:]
    /// Acknowledgements and snoozes of a session before, waiting for their alert to be opened.
    public private(set) var carried: [String: Handling] = [:]

    /// How the operator handled an alert: acknowledged, snoozed until a time.
    public struct Handling: Sendable, Hashable {
        public var acknowledged: Bool
        public var snoozedUntil: Double?
        public init(acknowledged: Bool, snoozedUntil: Double?) {
            self.acknowledged = acknowledged
            self.snoozedUntil = snoozedUntil
        }
    }

    public init(rules: [AlertRule] = AlertRule.defaults, keepResolved: Double = 900) {
        self.rules = rules
        self.keepResolved = keepResolved
    }

    /// `ignoreFor`: a condition that holds fires at once (a one-shot `check` cannot wait).
    public mutating func evaluate(_ picture: FleetPicture, ignoreFor: Bool = false) {
        let now = picture.time
        var holding: [String: (AlertRule, String, String?, String)] = [:]
        for rule in rules {
            for chute in picture.chutes where rule.chutes.isEmpty || rule.chutes.contains(chute.name) {
                for violation in AlertConditionCheck.violations(rule.condition, chute) {
                    let id = rule.name + "@" + chute.name + (violation.instance.map { "/" + $0 } ?? "")
                    holding[id] = (rule, chute.name, violation.instance, violation.summary)
                }
            }
        }
        for (id, (rule, chute, instance, summary)) in holding {
            var a = alerts[id].flatMap { $0.state == .resolved ? nil : $0 }
                ?? Alert(id: id, rule: rule.name, severity: rule.severity, chute: chute, instance: instance, state: .pending,
                         since: now, summary: summary, acknowledged: false)
            if alerts[id] == nil || alerts[id]?.state == .resolved, let handling = carried.removeValue(forKey: id) {
                a.acknowledged = handling.acknowledged
                a.snoozedUntil = handling.snoozedUntil
            }
            a.summary = summary
            a.clearSince = nil
            a.heldUntil = nil
            if a.state == .pending && (ignoreFor || now - a.since >= rule.forSeconds) {
                a.state = .firing
                a.firedAt = now
            }
            alerts[id] = a
        }
        let holdFor = Dictionary(rules.map { ($0.name, $0.forSeconds) }, uniquingKeysWith: { a, _ in a })
        for (id, var a) in alerts where holding[id] == nil {
            if a.state != .resolved {
                let clear = a.clearSince ?? now, hold = holdFor[a.rule] ?? 0
                if !ignoreFor && now - clear < hold {
                    a.clearSince = clear
                    a.heldUntil = clear + hold
                    alerts[id] = a
                    continue
                }
            }
            switch a.state {
            case .pending: alerts[id] = nil
            case .firing:
                a.state = .resolved
                a.resolvedAt = now
                (a.clearSince, a.heldUntil) = (nil, nil)
                alerts[id] = a
            case .resolved:
                if now - (a.resolvedAt ?? now) > keepResolved { alerts[id] = nil }
            }
        }
    }

    public mutating func acknowledge(_ id: String) { alerts[id]?.acknowledged = true }

    /// An acknowledgement or snooze of an alert that was still open when a session before
    /// ended: applied to the alert now if it is open, else when it is next opened.
    public mutating func carry(_ id: String, _ handling: Handling) {
        if let a = alerts[id], a.state != .resolved {
            alerts[id]?.acknowledged = a.acknowledged || handling.acknowledged
            alerts[id]?.snoozedUntil = handling.snoozedUntil ?? a.snoozedUntil
        } else {
            carried[id] = handling
        }
    }

    public mutating func snooze(_ id: String, until: Double) { alerts[id]?.snoozedUntil = until }

    /// Alerts ordered for display: firing before pending before resolved, worst first.
    public var sorted: [Alert] {
        alerts.values.sorted {
            let order: [Alert.State: Int] = [.firing: 0, .pending: 1, .resolved: 2]
            if $0.state != $1.state { return order[$0.state]! < order[$1.state]! }
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            return $0.id < $1.id
        }
    }

    /// The highest severity among firing alerts (nil when none fires).
    public var highestFiring: AlertSeverity? { alerts.values.filter { $0.state == .firing }.map(\.severity).max() }
}
