extension DashboardPage {
    /// A view without what it shows: where the status line's hints are chosen (`CommandEntry.Hint`).
    public enum Kind: Sendable, Hashable, CaseIterable {
        case overview, chute, instance, metrics, logs, alerts, audit, timeline
    }

    public var kind: Kind {
        switch self {
        case .overview: .overview
        case .chute: .chute
        case .instance: .instance
        case .metrics: .metrics
        case .logs: .logs
        case .alerts: .alerts
        case .audit: .audit
        case .timeline: .timeline
        }
    }
}
