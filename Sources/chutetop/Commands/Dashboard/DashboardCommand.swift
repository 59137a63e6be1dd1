import ArgumentParser
import Dashboard
import LiveServices

/// `chutetop [--config F] [--context C]`: the dashboard on a configured source. With no
/// configuration it says how to start instead of showing anything made up.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The dashboard on a configured context (the default command). Press ? for keys, q to quit."
    )

    @Option(help: ArgumentHelp("Configuration file (default: $CHUTETOP_CONFIG, else $XDG_CONFIG_HOME/chutetop/config.yaml, else chutetop/config.yaml in $XDG_CONFIG_DIRS).", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    @Option(help: "Context to open (default: the file's defaultContext, else its first).", completion: CompletionCandidates.contexts)
    var context: String?

    @OptionGroup var terminal: TerminalOptions
    @OptionGroup var actionOptions: ActionOptions
    @OptionGroup var recording: RecordOption

    static let howToStart = """
        chutetop: no configuration found, so there is nothing to watch yet.
          Try the simulated fleet:     chutetop demo
          Watch your own chutes:       chutetop init   (writes $XDG_CONFIG_HOME/chutetop/config.yaml and checks it)
          or chutetop --config FILE (an example: Fixtures/config/example.yaml), or set $CHUTETOP_CONFIG.
        """

    func run() async throws {
        guard let found = ConfigFile.path(explicit: config) else {
            print(Self.howToStart)
            throw ExitCode(2)
        }
        let file: ChutetopConfig
        let first: ContextConfig
        do {
            file = try ConfigFile.load(found.path)
            first = try file.context(context)
        } catch {
            throw CannotRun("\(error)")
        }
        try await DashboardSession.run(first: first, contexts: file.contexts, keyMap: file.keyMap, terminal: terminal,
                                       actions: actionOptions, configReadOnly: file.readOnly, runbooks: file.runbooks,
                                       mouse: file.mouse, record: recording)
    }
}
