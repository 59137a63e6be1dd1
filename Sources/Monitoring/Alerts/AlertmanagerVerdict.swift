/// How `check` counts Alertmanager's alerts in its exit status: a firing one (active, neither
/// silenced nor inhibited) counts at its `severity` label; a missing or unknown severity counts
/// as a warning (something fires, and nobody said it is harmless); `info` counts as nothing.
public enum AlertmanagerVerdict {
    public static func severity(of alert: AlertmanagerAlert) -> AlertSeverity { alert.severity ?? .warning }

    /// The highest severity among the firing alerts (nil when none fires).
    public static func highestFiring(_ alerts: [AlertmanagerAlert]) -> AlertSeverity? {
        alerts.filter(\.isFiring).map(severity).max()
    }
}
