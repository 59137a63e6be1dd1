import Foundation

/// A frame of the Chutes log sidecar's SSE stream (CHUTES-PLATFORM.md §5): `{"log": "…"}` for
/// each line, control events (`connected`, `file_rotated`, `file_removed`, `stream_cancelled`,
/// `too_many_errors`), `{"error": "…"}`, and single-character keep-alives.
public enum ChutesLogFrame: Sendable, Hashable {
    case line(String)
    case control(event: String, detail: String?)
    case error(String)
    case keepAlive
    /// Not a sidecar frame: the data as plain text (sanitised).
    case other(String)

    public static func decode(_ event: ServerSentEvent) -> ChutesLogFrame {
        let data = event.data
        if data.count <= 1 { return .keepAlive }
        guard data.first == "{", let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else {
            return .other(TerminalSanitizer.sanitize(data))
        }
        if let log = object["log"] as? String { return .line(log) }
        if let error = object["error"] as? String { return .error(TerminalSanitizer.sanitize(error)) }
        if let name = object["event"] as? String {
            let detail = object.keys.filter { $0 != "event" }.sorted().map { "\($0)=\(LogDecoder.scalarText(object[$0]!))" }.joined(separator: " ")
            return .control(event: TerminalSanitizer.sanitize(name), detail: detail.isEmpty ? nil : TerminalSanitizer.sanitize(detail))
        }
        return .other(TerminalSanitizer.sanitize(data))
    }
}
