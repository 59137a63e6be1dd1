/// One of Alertmanager's alerts (GET /api/v2/alerts), as the operator reads it: its labels, the
/// `summary` and `description` annotations, its state, what silences or inhibits it, since when.
/// Every text is sanitised by the decoder (it is untrusted).
public struct AlertmanagerAlert: Sendable, Hashable, Codable {
    /// Alertmanager's processing state: `active` (routed), `suppressed` (silenced or inhibited),
    /// `unprocessed` (just received).
    public enum State: String, Sendable, Hashable, Codable { case active, suppressed, unprocessed }

    public var fingerprint: String
    /// Sorted by name.
    public var labels: [Label]
    public var summary: String?
    public var description: String?
    public var state: State
    /// Ids of the silences that mute it.
    public var silencedBy: [String]
    /// Fingerprints of the alerts that inhibit it.
    public var inhibitedBy: [String]
    /// When it started firing (seconds since the epoch); nil when the reply's time is unreadable.
    public var startsAt: Double?

    public init(fingerprint: String, labels: [Label], summary: String? = nil, description: String? = nil, state: State,
                silencedBy: [String] = [], inhibitedBy: [String] = [], startsAt: Double? = nil) {
        self.fingerprint = fingerprint
        self.labels = labels.sorted()
        self.summary = summary
        self.description = description
        self.state = state
        self.silencedBy = silencedBy
        self.inhibitedBy = inhibitedBy
        self.startsAt = startsAt
    }

    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }

    public var name: String { label("alertname") ?? fingerprint }
    /// The chute it is about (its `chute` label), if any.
    public var chute: String? { label("chute") }
    public var instance: String? { label("chute_instance") ?? label("instance") }

    /// Firing and not muted: active, silenced by nothing, inhibited by nothing.
    public var isFiring: Bool { state == .active && silencedBy.isEmpty && inhibitedBy.isEmpty }

    /// Its `severity` label read as chutetop's severity (`critical`/`error`/`page` are critical,
    /// `warning`/`warn` warnings, `info`/`none` info); nil when absent or another word.
    public var severity: AlertSeverity? {
        switch label("severity")?.lowercased() ?? "" {
        case "critical", "error", "page": .critical
        case "warning", "warn": .warning
        case "info", "none": .info
        default: nil
        }
    }

    /// The state as the operator reads it: `silenced`, `inhibited`, or Alertmanager's word.
    public var stateText: String {
        if !silencedBy.isEmpty { return "silenced" }
        if !inhibitedBy.isEmpty { return "inhibited" }
        return state.rawValue
    }

    /// Its labels as silence matchers (`name="value"`, comma-separated): what a silence of
    /// exactly this alert matches.
    public var matcherText: String { SilenceMatcher.text(labels.map { SilenceMatcher(name: $0.name, value: $0.value) }) }
}

/// What one read of Alertmanager's alerts gave: the active alerts, or why there are none.
public enum AlertmanagerReading: Sendable, Hashable, Codable {
    case alerts([AlertmanagerAlert])
    case failed(String)
}

extension AlertmanagerAlert {
    /// A firing alert that names a chute, as an alert of that chute (so the overview's status
    /// and faulted-only count it): id `alertmanager:FINGERPRINT`, rule `alertmanager/NAME`,
    /// severity as `check` counts it. nil when it does not fire or names no chute.
    public var asChuteAlert: Alert? {
        guard isFiring, let chute else { return nil }
        return Alert(id: "alertmanager:" + fingerprint, rule: "alertmanager/" + name, severity: AlertmanagerVerdict.severity(of: self),
                     chute: chute, instance: nil, state: .firing, since: startsAt ?? 0, firedAt: startsAt,
                     summary: "alertmanager: " + (summary ?? name))
    }
}
