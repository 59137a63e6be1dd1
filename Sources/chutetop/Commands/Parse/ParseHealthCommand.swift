import ArgumentParser
import Foundation
import Ingest
import Monitoring

/// `chutetop parse health --status CODE [--json] FILE|-`
struct ParseHealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Classify a health or readiness response body, given its HTTP status code.",
        discussion: """
            JSON output: {"status":"pass"|"warn"|"fail","checks":[{"name":…,"status":…,"message":…}]} \
            ("unknown" appears when a status word is not recognised). Exit 1 when the body could not \
            be used (HTML page, invalid or truncated JSON); the status code then decides.
            """
    )

    @Option(help: ArgumentHelp("The response's HTTP status code (omit for a failed connection).", valueName: "code"))
    var status: Int?

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: ArgumentHelp("The response body, or - for stdin.", valueName: "file"))
    var file: String

    func run() throws {
        let bytes = try InputFile.read(file, limit: 16 << 20)
        let report = HealthDecoder.decode(statusCode: status, body: bytes)
        var out: String
        if json {
            out = "{\"status\":\"\(report.status)\",\"checks\":["
            out += report.checks.map { c in
                "{\"name\":" + JSONText.string(c.name) + ",\"status\":\"\(c.status)\",\"message\":" + (c.message.map(JSONText.string) ?? "null") + "}"
            }.joined(separator: ",")
            out += "]" + (report.bodyProblem.map { ",\"body_error\":" + JSONText.string($0) } ?? "") + "}"
        } else {
            out = "\(report.status)"
            for c in report.checks { out += "\n  \(c.status) \(c.name)" + (c.message.map { ": \($0)" } ?? "") }
        }
        FileHandle.standardOutput.write(Data((out + "\n").utf8))
        if let problem = report.bodyProblem {
            if !json { FileHandle.standardError.write(Data("\(file): \(problem)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}
