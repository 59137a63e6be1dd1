import ArgumentParser
import Dashboard
import FleetSimulator

/// `chutetop demo`: the dashboard on the built-in simulated fleet (in-process, read over
/// loopback HTTP exactly like real chutes).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The dashboard on the built-in simulated fleet. Press ? for keys, q to quit.",
        discussion: "Scenarios: \(ScenarioCatalog.names.joined(separator: ", ")). Nothing here touches a real fleet."
    )

    @Option(help: ArgumentHelp("A built-in scenario or a scenario file.", valueName: "name|file"), completion: CompletionCandidates.scenarios)
    var scenario: String?

    @Option(help: "Number of simulated chutes (1-1000).")
    var chutes = ChuteCatalog.defaultCount

    @Option(help: "Random seed (the same seed gives the same fleet).")
    var seed: UInt64 = 1

    @Flag(help: "Show the demo as a production context (red banner), to see how one looks.")
    var production = false

    @OptionGroup var terminal: TerminalOptions
    @OptionGroup var actionOptions: ActionOptions
    @OptionGroup var recording: RecordOption

    func validate() throws {
        guard (1...1000).contains(chutes) else { throw ValidationError("--chutes must be 1...1000") }
    }

    func run() async throws {
        var context = ContextConfig(name: "demo", source: .simulator(SimulatorSourceConfig(scenario: scenario, seed: seed, chutes: chutes)))
        context.production = production
        try await DashboardSession.run(first: context, contexts: [context], keyMap: try! KeyMap(), terminal: terminal, actions: actionOptions,
                                       record: recording, program: "demo")
    }
}
