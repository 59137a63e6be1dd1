import ArgumentParser
import Dashboard
import Foundation
import LiveServices

/// `chutetop config check`: every problem in the file at file:line:key (all of them), every
/// credential resolved (never printed), then the contexts as read.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every context of a configuration file: each problem at file:line:key, credentials resolved (never printed), the contexts as read.",
        discussion: """
            Without --config: $CHUTETOP_CONFIG, else $XDG_CONFIG_HOME/chutetop/config.yaml, else the first \
            chutetop/config.yaml in $XDG_CONFIG_DIRS (default /etc/xdg; system-wide). The runbooks/ directory beside \
            the file is checked too. Nothing is sent to any fleet. Exit status: 0 no problem, 3 a problem (or no file).
            """
    )

    @Option(help: ArgumentHelp("The file to check (default: where the dashboard would look).", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let found = ConfigFile.path(explicit: config, environment: environment) else {
            print("no configuration found; looked at $CHUTETOP_CONFIG, then \(ConfigFile.searchPath(environment).joined(separator: ", "))")
            print("write one with: chutetop init")
            throw ExitCode(3)
        }
        let checked = ConfigFile.check(found.path)
        let resolved = ContextCredentials.resolve(checked, environment: environment)
        let problems = checked.problems + resolved.problems
        print(found.path + (found.named ? "" : " (found by the search path)"))
        if let config = checked.config {
            print(ContextDescription.lines(config, credentials: resolved.found).joined(separator: "\n"))
        }
        if problems.isEmpty {
            print("OK: no problems")
            return
        }
        print("\(problems.count) problem\(problems.count == 1 ? "" : "s"):")
        for p in problems { print("  \(p)") }
        throw ExitCode(3)
    }
}
