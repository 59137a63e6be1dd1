import ArgumentParser
import Foundation

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

/// Reads a whole file, or stdin for "-"; an I/O failure is reported and exits 2.
enum InputFile {
    static func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        do {
            return try FileHandleReader(path: path).readAll(limit: limit)
        } catch {
            FileHandle.standardError.write(Data("chutetop: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

enum CLIFailure: Error, CustomStringConvertible {
    case io(String)
    var description: String {
        switch self { case .io(let m): m }
    }
}
