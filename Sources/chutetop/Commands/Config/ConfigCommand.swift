import ArgumentParser

/// `chutetop config …`: commands about the configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration file (write a first one with `chutetop init`).",
        subcommands: [ConfigCheckCommand.self]
    )
}
