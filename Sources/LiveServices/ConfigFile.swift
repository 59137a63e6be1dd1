import Dashboard
import Foundation

/// Finds and reads the configuration: `--config`, else `$CHUTETOP_CONFIG`, else
/// `$XDG_CONFIG_HOME/chutetop/config.yaml` (nil when none of them names an existing file and
/// none was asked for by name).
public enum ConfigFile {
    public static func path(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, named: Bool)? {
        if let explicit { return (explicit, true) }
        if let env = environment["CHUTETOP_CONFIG"], !env.isEmpty { return (env, true) }
        let standard = XDGDirectories.configHome(environment) + "/chutetop/config.yaml"
        return FileManager.default.fileExists(atPath: standard) ? (standard, false) : nil
    }

    public static func load(_ path: String) throws(ConfigError) -> ChutetopConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, message: "is not UTF-8 text") }
        return try ConfigParser.parse(text, file: path)
    }
}
