import ArgumentParser
import Foundation
import Ingest
import Monitoring

/// `chutetop parse logs [--json] FILE|-`: JSON lines, logfmt or plain text, or an SSE capture
/// (including the Chutes log sidecar's frames).
struct ParseLogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Decode log lines (JSON, logfmt, plain text, or an SSE stream) as the dashboard shows them.",
        discussion: """
            Without --json each entry is printed exactly as the dashboard displays it: one line per \
            entry, sanitised. JSON output: {"entries":[{"time":<unix s or null>,"level":…,"message":…,\
            "request_id":…,"fields":{…}}],"errors":[{"line":N,"message":…}]}. Exit 1 when some lines \
            could not be read as the format they looked like (they are still shown, as plain text).
            """
    )

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: ArgumentHelp("The log file or SSE capture, or - for stdin.", valueName: "file"))
    var file: String

    func run() throws {
        let bytes = try InputFile.read(file)
        var entries: [LogEntry] = []
        var errors: [(Int, String)] = []
        for (number, text) in LogInput.lines(bytes) {
            let result = LogDecoder.decode(text)
            entries.append(result.entry)
            if let problem = result.problem { errors.append((number, problem)) }
        }
        var out = ""
        if json {
            out = "{\"entries\":[" + entries.map(Self.json).joined(separator: ",") + "],\"errors\":["
            out += errors.map { "{\"line\":\($0.0),\"message\":" + JSONText.string($0.1) + "}" }.joined(separator: ",") + "]}\n"
        } else {
            for e in entries { out += LogLineFormat.line(e) + "\n" }
            for (line, message) in errors { FileHandle.standardError.write(Data("\(file):\(line): \(message)\n".utf8)) }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        if !errors.isEmpty { throw ExitCode(1) }
    }

    static func json(_ e: LogEntry) -> String {
        var s = "{\"time\":" + (e.time.map { "\($0)" } ?? "null")
        s += ",\"level\":" + (e.level.map { JSONText.string($0.name) } ?? "null")
        s += ",\"message\":" + JSONText.string(e.message)
        s += ",\"request_id\":" + (e.requestID.map(JSONText.string) ?? "null")
        s += ",\"fields\":{" + e.fields.map { JSONText.string($0.name) + ":" + JSONText.string($0.value) }.joined(separator: ",") + "}}"
        return s
    }
}

/// Splits input into numbered log lines; an SSE capture (first line `data:`, `event:`, `id:`
/// or a `:` comment) is unframed first, and Chutes sidecar frames give their log lines.
enum LogInput {
    static func lines(_ bytes: [UInt8]) -> [(Int, String)] {
        let first = bytes.prefix { $0 != 0x0A }
        let looksLikeSSE = first.starts(with: Array("data:".utf8)) || first.starts(with: Array("event:".utf8))
            || first.starts(with: Array("id:".utf8)) || first.first == UInt8(ascii: ":")
        if looksLikeSSE {
            var decoder = ServerSentEventDecoder()
            var out: [(Int, String)] = []
            for (i, event) in decoder.feed(bytes).enumerated() {
                switch ChutesLogFrame.decode(event) {
                case .line(let text): out.append((i + 1, text))
                case .control(let name, let detail): out.append((i + 1, "[stream] \(name)" + (detail.map { " \($0)" } ?? "")))
                case .error(let message): out.append((i + 1, "[stream error] \(message)"))
                case .keepAlive: break
                case .other(let text): out.append((i + 1, text))
                }
            }
            return out
        }
        var out: [(Int, String)] = []
        var number = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if raw.isEmpty || raw == [0x0D] { continue }
            out.append((number, String(decoding: raw, as: UTF8.self)))
        }
        return out
    }
}
