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
            Exit status: 0 success (check, watch: no alert firing; run: done, or a dry run); \
            1 the input had errors (parse), a warning alert fires (check, watch) or the action \
            failed (run); 2 usage error, an input parse cannot read, no usable terminal, no \
            configuration found, or a critical alert fires (check, watch); 3 could not run: the configuration, a \
            credential, the source, the log or audit file, or for run a refusal (read-only, \
            not confirmed, outside the chute's limits; nothing sent), one line on stderr; \
            128+N ended by signal N.
            """,
        version: version,
        subcommands: [DashboardCommand.self, DemoCommand.self, InitCommand.self, ConfigCommand.self, RunCommand.self, ThemesCommand.self,
                      ParseCommand.self, SimCommand.self, SnapshotCommand.self, CheckCommand.self, WatchCommand.self, IncidentCommand.self, ReviewCommand.self, ReplayCommand.self,
                      CompletionsCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
