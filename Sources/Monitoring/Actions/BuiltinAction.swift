/// A built-in action by type, so code tests `action.builtin == .scale` rather than a name. The
/// raw values are the names the config, the audit log and `chutetop run` spell; a runbook may
/// not take one of them.
public enum BuiltinAction: String, Sendable, Hashable, CaseIterable, Codable {
    case scale
    case restart
    case restartInstance = "restart-instance"
    case warmUp = "warm-up"
    case disable
    case enable
    case scaleLimits = "scale-limits"
    /// A silence at the context's Alertmanager.
    case silence
    case expireSilence = "expire-silence"

    /// Sent to Alertmanager rather than a control plane.
    public var isSilence: Bool { self == .silence || self == .expireSilence }
}
