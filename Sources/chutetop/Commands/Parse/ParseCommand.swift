import ArgumentParser

/// `chutetop parse …`: the decoders as a command-line contract other tooling relies on.
/// Exit status: 0 clean, 1 the input had errors (the output still holds everything recovered),
/// 2 usage or I/O error.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Decode metrics, health or logs from a file or stdin, as the dashboard would.",
        discussion: "Exit status: 0 clean, 1 the input had errors (output still holds all that was recovered), 2 usage or I/O error.",
        subcommands: [ParseMetricsCommand.self, ParseHealthCommand.self, ParseLogsCommand.self]
    )
}

/// Reads a whole file, or stdin for "-"; I/O failures exit 2.
enum InputFile {
    static func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        let handle: FileHandleReader
        do { handle = try FileHandleReader(path: path) } catch {
            throw CLIFailure.io("cannot read \(path): \(error)")
        }
        return try handle.readAll(limit: limit)
    }
}

enum CLIFailure: Error, CustomStringConvertible {
    case io(String)
    var description: String {
        switch self { case .io(let m): m }
    }
}
