import ArgumentParser

/// The `chutetop` command and its subcommands.
struct Chutetop: AsyncParsableCommand {
    /// The release and the commit it was built from (BuildInfo is generated at build time by
    /// Plugins/BuildInfoPlugin).
    static let version = "0.1.0 (commit \(BuildInfo.commit))"

    static let configuration = CommandConfiguration(
        commandName: "chutetop",
        abstract: "A terminal dashboard for the people on call for chutes (GPU inference apps).",
        discussion: """
            Exit status: 0 success, 1 the input or the fleet had problems, 2 usage error or no \
            usable terminal, 128+N ended by signal N.
            """,
        version: version,
        subcommands: [DashboardCommand.self, DemoCommand.self, InitCommand.self, ConfigCommand.self, RunCommand.self, ThemesCommand.self,
                      ParseCommand.self, SimCommand.self, SnapshotCommand.self, CheckCommand.self, WatchCommand.self,
                      CompletionsCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
