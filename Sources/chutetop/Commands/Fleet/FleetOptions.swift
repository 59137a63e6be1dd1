import ArgumentParser
import Dashboard
import FleetSimulator
import LiveServices

/// How the headless commands find their fleet: a config file and context, or `--demo`.
struct FleetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Configuration file (default: $CHUTETOP_CONFIG, else $XDG_CONFIG_HOME/chutetop/config.yaml, else chutetop/config.yaml in $XDG_CONFIG_DIRS).", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    @Option(help: "Context to use (default: the file's defaultContext, else its first).", completion: CompletionCandidates.contexts)
    var context: String?

    @Flag(help: "Watch the built-in simulated fleet instead (in-process, over loopback HTTP).")
    var demo = false

    @Option(help: ArgumentHelp("With --demo: a built-in scenario (\(ScenarioCatalog.names.joined(separator: ", "))) or a scenario file.", valueName: "name|file"),
            completion: CompletionCandidates.scenarios)
    var scenario: String?

    @Option(help: "With --demo: random seed (the same seed gives the same fleet).")
    var seed: UInt64 = 1

    func validate() throws {
        if !demo && (scenario != nil) { throw ValidationError("--scenario needs --demo") }
        if demo && (config != nil || context != nil) { throw ValidationError("--demo runs the simulator; leave out --config and --context") }
    }

    /// The context to watch.
    func resolve() throws(ConfigError) -> ContextConfig {
        if demo {
            return ContextConfig(name: "demo", source: .simulator(SimulatorSourceConfig(scenario: scenario, seed: seed)))
        }
        guard let found = ConfigFile.path(explicit: config) else {
            throw ConfigError(message: "no configuration: write one with `chutetop init`, pass --config FILE, set $CHUTETOP_CONFIG, or use --demo")
        }
        return try ConfigFile.load(found.path).context(context)
    }
}
