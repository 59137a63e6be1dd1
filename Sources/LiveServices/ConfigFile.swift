import Dashboard
import Foundation
import Monitoring

/// Finds and reads the configuration: `--config`, else `$CHUTETOP_CONFIG`, else
/// `$XDG_CONFIG_HOME/chutetop/config.yaml` (nil when none of them names an existing file and
/// none was asked for by name).
public enum ConfigFile {
    public static func path(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, named: Bool)? {
        if let explicit { return (XDGDirectories.expandingHome(explicit, environment), true) }
        if let env = environment["CHUTETOP_CONFIG"], !env.isEmpty { return (XDGDirectories.expandingHome(env, environment), true) }
        let standard = XDGDirectories.configHome(environment) + "/chutetop/config.yaml"
        return FileManager.default.fileExists(atPath: standard) ? (standard, false) : nil
    }

    public static func load(_ path: String) throws(ConfigError) -> ChutetopConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, message: "is not UTF-8 text") }
        var config = try ConfigParser.parse(text, file: path)
        config.runbooks += try runbookDirectory(beside: path, known: config.runbooks.map(\.name))
        return config
    }

    /// Every `*.yaml` in `runbooks/` beside the config file, in name order.
    static func runbookDirectory(beside path: String, known: [String]) throws(ConfigError) -> [RunbookAction] {
        let directory = (path as NSString).deletingLastPathComponent + "/runbooks"
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var all: [RunbookAction] = []
        var names = Set(known)
        for name in files.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let file = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ConfigError(file: file, message: "cannot be read as UTF-8 text")
            }
            for r in try RunbookParser.parse(text, file: file) {
                guard names.insert(r.name).inserted else { throw ConfigError(file: file, key: r.name, message: "a second runbook named '\(r.name)'") }
                all.append(r)
            }
        }
        return all
    }
}
