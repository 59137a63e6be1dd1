import Dashboard
import Foundation
import Monitoring

/// Finds and reads the configuration: `--config`, else `$CHUTETOP_CONFIG`, else
/// `$XDG_CONFIG_HOME/chutetop/config.yaml`, else the first `chutetop/config.yaml` in
/// `$XDG_CONFIG_DIRS` (system-wide; nil when none of them names an existing file and none was
/// asked for by name).
public enum ConfigFile {
    public static func path(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, named: Bool)? {
        if let explicit { return (XDGDirectories.expandingHome(explicit, environment), true) }
        if let env = environment["CHUTETOP_CONFIG"], !env.isEmpty { return (XDGDirectories.expandingHome(env, environment), true) }
        return searchPath(environment).first { FileManager.default.fileExists(atPath: $0) }.map { ($0, false) }
    }

    /// Where the configuration is looked for without `--config` or `$CHUTETOP_CONFIG`: the
    /// user's file (where `chutetop init` writes), then the system-wide ones.
    public static func searchPath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        [userPath(environment)] + XDGDirectories.configDirectories(environment).map { $0 + "/chutetop/config.yaml" }
    }

    /// `$XDG_CONFIG_HOME/chutetop/config.yaml`.
    public static func userPath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGDirectories.configHome(environment) + "/chutetop/config.yaml"
    }

    /// Every problem in the file and in the runbook files beside it, with what could be read.
    public static func check(_ path: String) -> ConfigCheck {
        let text: String
        do { text = try read(path) } catch { return ConfigCheck(config: nil, problems: [error]) }
        var checked = ConfigParser.check(text, file: path)
        let directory = runbookFiles(beside: path)
        for file in directory {
            guard let runbookText = try? read(file) else {
                checked.problems.append(ConfigError(file: file, message: "cannot be read as UTF-8 text"))
                continue
            }
            checked.problems += RunbookParser.problems(runbookText, file: file)
        }
        if checked.problems.isEmpty, let config = checked.config {
            do { checked.config?.runbooks += try runbookDirectory(beside: path, known: config.runbooks.map(\.name)) } catch { checked.problems.append(error) }
        }
        return checked
    }

    public static func load(_ path: String) throws(ConfigError) -> ChutetopConfig {
        var config = try ConfigParser.parse(try read(path), file: path)
        config.runbooks += try runbookDirectory(beside: path, known: config.runbooks.map(\.name))
        return config
    }

    private static func read(_ path: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, message: "is not UTF-8 text") }
        return text
    }

    /// Every `*.yaml` and `*.yml` in `runbooks/` beside the config file, in name order.
    private static func runbookFiles(beside path: String) -> [String] {
        let directory = (path as NSString).deletingLastPathComponent + "/runbooks"
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { directory + "/" + $0 }
    }

    /// Every `*.yaml` in `runbooks/` beside the config file, in name order.
    public static func runbookDirectory(beside path: String, known: [String]) throws(ConfigError) -> [RunbookAction] {
        var all: [RunbookAction] = []
        var names = Set(known)
        for file in runbookFiles(beside: path) {
            guard let text = try? read(file) else { throw ConfigError(file: file, message: "cannot be read as UTF-8 text") }
            for r in try RunbookParser.parse(text, file: file) {
                guard names.insert(r.name).inserted else { throw ConfigError(file: file, key: r.name, message: "a second runbook named '\(r.name)'") }
                all.append(r)
            }
        }
        return all
    }
}
