import Foundation
import Monitoring

/// Decodes one log line: a JSON object (with the common field aliases), logfmt, or plain text.
/// Every string in the result is sanitised, and one line stays one entry.
public enum LogDecoder {
    static let timeKeys = ["time", "timestamp", "ts", "@timestamp", "t", "asctime"]
    static let levelKeys = ["level", "severity", "lvl", "levelname", "log.level", "loglevel"]
    static let messageKeys = ["message", "msg", "event", "log"]
    static let requestKeys = ["request_id", "requestId", "correlation_id", "trace_id", "traceId", "req_id", "x_request_id"]

    public struct Result: Sendable {
        public var entry: LogEntry
        /// Why the line could not be read as the format it looked like (it is then plain text).
        public var problem: String?
    }

    /// `flatJSONFastPath` false reads every JSON line with Foundation, as lines of other shapes
    /// are (the fuzzer holds the two paths to the same entries).
    public static func decode(_ line: String, flatJSONFastPath: Bool = true) -> Result {
        var text = Substring(line)
        while let l = text.last, l == "\n" || l == "\r" { text = text.dropLast() }
        if text.first == "{" {
            if flatJSONFastPath, case .fields(let fields) = FlatJSONObject.read(text) {
                var entry = fromFlatJSON(fields)
                entry.format = .json
                return Result(entry: entry, problem: nil)
            }
            if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
                var entry = fromJSON(object)
                entry.format = .json
                return Result(entry: entry, problem: nil)
            }
            return Result(entry: plain(text), problem: "line looks like JSON but is not valid JSON")
        }
        if let pairs = Logfmt.pairs(text), pairs.count >= 2 {
            var entry = fromPairs(pairs)
            entry.format = .logfmt
            return Result(entry: entry, problem: nil)
        }
        return Result(entry: plain(text), problem: nil)
    }

    static func fromJSON(_ object: [String: Any]) -> LogEntry {
        var pairs: [(String, String)] = []
        for key in object.keys.sorted() {
            pairs.append((key, scalarText(object[key]!)))
        }
        var entry = fromPairs(pairs)
        if entry.time == nil, let n = timeKeys.lazy.compactMap({ object[$0] as? NSNumber }).first {
            entry.time = Timestamps.plausible(epochSeconds(n.doubleValue))
        }
        return entry
    }

    /// The common shape, read without Foundation: the same entry `fromJSON` makes of it (keys
    /// in order, the last of a repeated key kept, a numeric time read as epoch seconds).
    static func fromFlatJSON(_ fields: [FlatJSONObject.Field]) -> LogEntry {
        var byKey: [FlatJSONObject.Field] = []
        for f in fields.enumerated().sorted(by: { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }).map(\.element) {
            if byKey.last?.key == f.key { byKey[byKey.count - 1] = f } else { byKey.append(f) }
        }
        var entry = fromPairs(byKey.map { ($0.key, $0.text) })
        if entry.time == nil, let n = timeKeys.lazy.compactMap({ key in byKey.first { $0.key == key }?.number }).first {
            entry.time = Timestamps.plausible(epochSeconds(n))
        }
        return entry
    }

    static func fromPairs(_ pairs: [(String, String)]) -> LogEntry {
        var entry = LogEntry(message: "")
        var message: String?
        for (key, value) in pairs {
            if entry.time == nil, timeKeys.contains(key), let t = Timestamps.parse(value) {
                entry.time = t
            } else if entry.level == nil, levelKeys.contains(key), let level = LogLevel(word: value) {
                entry.level = level
            } else if message == nil, messageKeys.contains(key) {
                message = value
            } else if entry.requestID == nil, requestKeys.contains(key), !value.isEmpty {
                entry.requestID = TerminalSanitizer.sanitize(value)
            } else {
                entry.fields.append(Label(TerminalSanitizer.sanitize(key), TerminalSanitizer.sanitize(value)))
            }
        }
        entry.message = TerminalSanitizer.sanitize(message ?? "")
        return entry
    }

    /// Plain text: a leading RFC 3339 time and a level word are recognised if present.
    static func plain(_ text: Substring) -> LogEntry {
        var rest = text
        var time: Double?
        if let space = rest.firstIndex(of: " "), let t = Timestamps.parse(String(rest[..<space])) {
            time = t
            rest = rest[rest.index(after: space)...]
        }
        var level: LogLevel?
        let firstWord = rest.prefix { $0 != " " && $0 != ":" }
        let bare = firstWord.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare.count >= 4, bare == bare.uppercased(), let l = LogLevel(word: bare) {
            level = l
            rest = rest.dropFirst(firstWord.count).drop { $0 == " " || $0 == ":" }
        }
        return LogEntry(time: time, level: level, message: TerminalSanitizer.sanitize(String(rest)))
    }

    static func scalarText(_ value: Any) -> String {
        switch value {
        case let s as String: return s
        case let b as Bool where type(of: value) == Bool.self: return b ? "true" : "false"
        case let n as NSNumber:
            // Foundation on Linux hands JSON true/false over as NSNumber of type "c".
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return n.stringValue
        case is NSNull: return "null"
        default:
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }

    /// A number as epoch seconds, whether it was seconds, milliseconds or nanoseconds.
    static func epochSeconds(_ n: Double) -> Double {
        if n > 1e17 { return n / 1e9 }
        if n > 1e14 { return n / 1e6 }
        if n > 1e11 { return n / 1e3 }
        return n
    }
}
