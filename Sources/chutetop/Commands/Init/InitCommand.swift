import ArgumentParser
import Dashboard
import Foundation
import Glibc
import LiveServices

/// `chutetop init`: writes a starting configuration from flags (asking on a terminal for what
/// is missing), then probes what it was given and says what it found and how to start.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starting configuration ($XDG_CONFIG_HOME/chutetop/config.yaml, mode 0600), then probe it.",
        discussion: """
            Give one fleet: --demo, --prometheus URL (with --alertmanager URL), --direct URL... and/or \
            --control-api URL, or --chutes (its key read from $CHUTES_API_KEY or --key-file; never written into \
            the file). On a terminal, what is missing is asked for. An existing file is kept unless --force. \
            Exit status: 0 written and the probe found the fleet, 1 written but the probe found a problem, \
            2 usage error, 3 nothing written (the file exists, or cannot be written).
            """
    )

    @Flag(help: "The built-in simulated fleet.")
    var demo = false

    @Option(help: ArgumentHelp("A Prometheus-compatible API that scrapes the chutes.", valueName: "url"))
    var prometheus: String?

    @Option(help: ArgumentHelp("An Alertmanager to show alerts from and send silences to.", valueName: "url"))
    var alertmanager: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Base URLs of one chute's instances (each serving /health, /ready, /metrics).", valueName: "url"))
    var direct: [String] = []

    @Option(help: ArgumentHelp("With --direct: the chute's name (default: from the URL).", valueName: "name"))
    var chute: String?

    @Option(name: .customLong("control-api"), help: ArgumentHelp("A control API that lists the chutes and their instances.", valueName: "url"))
    var controlAPI: String?

    @Flag(help: "The Chutes platform (its API key from $CHUTES_API_KEY, --key-env or --key-file).")
    var chutes = false

    @Option(name: .customLong("chutes-url"), help: ArgumentHelp("With --chutes: the platform API.", valueName: "url"))
    var chutesURL = "https://api.chutes.ai"

    @Option(help: ArgumentHelp("With --chutes: the variable holding the API key.", valueName: "name"))
    var keyEnv: String?

    @Option(help: ArgumentHelp("With --chutes: a file (mode 0600) holding the API key.", valueName: "path"), completion: .file())
    var keyFile: String?

    @Option(help: ArgumentHelp("The context's name (default: the source's kind).", valueName: "name"))
    var name: String?

    @Flag(help: "Replace an existing configuration file.")
    var force = false

    @Flag(help: "Write the file without probing the fleet.")
    var noProbe = false

    func validate() throws {
        let kinds = [demo, prometheus != nil, !direct.isEmpty || controlAPI != nil, chutes].filter { $0 }.count
        if kinds > 1 { throw ValidationError("give one fleet: --demo, --prometheus, --direct/--control-api, or --chutes") }
        if chute != nil && direct.isEmpty { throw ValidationError("--chute names the chute of --direct's instances") }
        if (keyEnv != nil || keyFile != nil) && !chutes { throw ValidationError("--key-env and --key-file go with --chutes") }
        if keyEnv != nil && keyFile != nil { throw ValidationError("give --key-env or --key-file, not both") }
        for url in [prometheus, alertmanager, controlAPI].compactMap({ $0 }) + direct + (chutes ? [chutesURL] : []) where !Self.isURL(url) {
            throw ValidationError("'\(url)' is not an http:// or https:// URL")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigFile.userPath(environment)
        if !force && FileManager.default.fileExists(atPath: path) {
            Self.fail(PrivateFile.Failure.exists(path).description)
        }
        let wanted = try startingConfig()
        let text = wanted.yaml()
        do { try PrivateFile.write(text, to: path, replacing: force) } catch { Self.fail(error.description) }
        print("wrote \(path) (mode 0600): context '\(wanted.name)', \(wanted.kindWord) source")
        var healthy = true
        if !noProbe {
            let report = await InitProbe.probe(text, file: path, environment: environment)
            for line in report.lines { print("  " + line) }
            healthy = report.healthy
        }
        print("""
            Start:  chutetop            (the dashboard; ? for keys, q to quit)
                    chutetop snapshot   (one reading, no terminal needed)
            Check:  chutetop config check
            """)
        if !healthy { throw ExitCode(1) }
    }

    /// The flags, with what is missing asked on a terminal (refused without one).
    private func startingConfig() throws -> StartingConfig {
        var alertmanager = self.alertmanager
        let source: StartingConfig.Source
        if demo {
            source = .demo
        } else if let prometheus {
            source = .prometheus(url: prometheus)
        } else if !direct.isEmpty || controlAPI != nil {
            source = .direct(chute: direct.isEmpty ? nil : chute ?? StartingConfig.chuteName(from: direct[0]), instances: direct, controlAPI: controlAPI)
        } else if chutes {
            source = .chutes(url: chutesURL, key: keyFile.map { .file($0) } ?? .environment(keyEnv ?? "CHUTES_API_KEY"))
        } else {
            guard isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 else {
                throw ValidationError("say which fleet to watch: --demo, --prometheus URL, --direct URL... or --control-api URL, or --chutes")
            }
            (source, alertmanager) = try InitQuestions.ask(alertmanager: alertmanager)
        }
        var config = StartingConfig(name: name ?? "", source: source, alertmanager: alertmanager)
        if name == nil { config.name = source == .demo ? "demo" : config.kindWord }
        return config
    }

    static func isURL(_ text: String) -> Bool {
        (text.hasPrefix("http://") || text.hasPrefix("https://")) && text.count > 8
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chutetop init: \(message)\n".utf8))
        Foundation.exit(3)
    }
}
