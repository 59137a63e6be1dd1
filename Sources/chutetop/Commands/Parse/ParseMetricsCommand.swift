import ArgumentParser
import Foundation
import Ingest
import Monitoring

/// `chutetop parse metrics [--format auto|text|openmetrics] [--strict] [--json] FILE|-`
struct ParseMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Parse a Prometheus text 0.0.4 or OpenMetrics exposition.",
        discussion: """
            JSON output: {"samples":[{"name":…,"labels":{…},"value":<number> or "NaN"/"+Inf"/"-Inf",\
            "timestamp_ms":<int, only when the line had one>}],"errors":[{"line":N,"message":…}]}
            """
    )

    enum FormatChoice: String, ExpressibleByArgument, CaseIterable { case auto, text, openmetrics }

    @Option(help: "Exposition format; auto chooses OpenMetrics when the input ends with # EOF.")
    var format: FormatChoice = .auto

    @Flag(help: "Apply every OpenMetrics rule (grouping, ordering, histogram and type rules).")
    var strict = false

    @Flag(help: "Print JSON instead of one line per sample.")
    var json = false

    @Flag(help: "Print only a summary line (samples, families, errors); the exit status still tells.")
    var quiet = false

    @Argument(help: ArgumentHelp("The exposition file, or - for stdin.", valueName: "file"))
    var file: String

    func run() throws {
        let bytes = try InputFile.read(file)
        let forced: ExpositionPage.Format? = switch format {
        case .auto: nil
        case .text: .text
        case .openmetrics: .openMetrics
        }
        let page = ExpositionParser(options: .init(format: forced, strict: strict)).parse(bytes)
        var out: String
        if quiet {
            out = "\(page.samples.count) samples, \(page.families.count) families, \(page.issues.count) errors (\(page.format.rawValue))"
        } else {
            out = json ? MetricsJSON.render(page) : MetricsText.render(page)
        }
        out.append("\n")
        FileHandle.standardOutput.write(Data(out.utf8))
        if !json {
            for issue in page.issues {
                FileHandle.standardError.write(Data("\(file):\(issue.line): \(TerminalSanitizer.sanitize(issue.message))\n".utf8))
            }
        }
        // Exit now: tearing down a large page sample by sample only costs time at the end.
        ParseExit.now(page.issues.isEmpty ? 0 : 1)
    }
}
