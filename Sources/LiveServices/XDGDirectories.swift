import Foundation

/// The XDG base directories chutetop keeps its files under (each followed by `/chutetop`):
/// logs and the audit trail in the state home, config and themes in the config home.
public enum XDGDirectories {
    /// `$XDG_STATE_HOME`, else `~/.local/state`.
    public static func stateHome(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        base("XDG_STATE_HOME", fallback: "/.local/state", environment)
    }

    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    public static func configHome(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        base("XDG_CONFIG_HOME", fallback: "/.config", environment)
    }

    /// `$XDG_CONFIG_DIRS` (absolute entries, in order), else `/etc/xdg`: system-wide
    /// configuration, read after the user's.
    public static func configDirectories(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let listed = (environment["XDG_CONFIG_DIRS"] ?? "").split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        return listed.isEmpty ? ["/etc/xdg"] : listed
    }

    private static func base(_ key: String, fallback: String, _ environment: [String: String]) -> String {
        if let value = environment[key], !value.isEmpty { return value }
        return (environment["HOME"] ?? NSHomeDirectory()) + fallback
    }
}
