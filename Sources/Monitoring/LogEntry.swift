/// Log severity, ordered from least to most severe.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, warn, error, fatal

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    /// Parses the common spellings: `WARNING`, `warn`, `err`, `CRITICAL`, syslog numbers …
    public init?(word: String) {
        switch word.lowercased() {
        case "trace", "trc", "10": self = .trace
        case "debug", "dbg", "d", "20", "7": self = .debug
        case "info", "inf", "i", "information", "notice", "30", "6", "5": self = .info
        case "warn", "warning", "wrn", "w", "40", "4": self = .warn
        case "error", "err", "e", "eror", "50", "3": self = .error
        case "fatal", "critical", "crit", "panic", "emerg", "emergency", "alert", "60", "2", "1", "0": self = .fatal
        default: return nil
        }
    }

    /// The level's word, lower case ("warn").
    public var name: String { String(describing: self) }

    /// Fixed-width label for log columns.
    public var label: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO "
        case .warn: "WARN "
        case .error: "ERROR"
        case .fatal: "FATAL"
        }
    }
}

/// One decoded log line. Every string is already sanitised for the terminal.
public struct LogEntry: Sendable, Hashable {
    /// Seconds since the epoch, when the line had a time that could be read.
    public var time: Double?
    public var level: LogLevel?
    public var message: String
    public var requestID: String?
    /// Other fields in the order they appeared.
    public var fields: [Label]
    /// How the line was written (JSON, logfmt or plain text).
    public var format: LogFormat

    public init(time: Double? = nil, level: LogLevel? = nil, message: String, requestID: String? = nil, fields: [Label] = [],
                format: LogFormat = .plain) {
        self.time = time
        self.level = level
        self.message = message
        self.requestID = requestID
        self.fields = fields
        self.format = format
    }
}

/// How a log line was written.
public enum LogFormat: String, Sendable, Hashable {
    case json, logfmt, plain
}
