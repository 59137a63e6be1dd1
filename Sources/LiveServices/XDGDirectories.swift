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
        if let value = environment[key], !value.isEmpty { return expandingHome(value, environment) }
        return home(environment) + fallback
    }

    /// A file path as the operator wrote it, with a leading `~`, `~/`, `$HOME` or `${HOME}` made
    /// the home directory (a shell does this on a command line, but not in a config file or
    /// after `--option=`). Other paths are returned as they are.
    public static func expandingHome(_ path: String, _ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for prefix in ["~", "$HOME", "${HOME}"] where path == prefix || path.hasPrefix(prefix + "/") {
            return home(environment) + path.dropFirst(prefix.count)
        }
        return path
    }

    private static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
