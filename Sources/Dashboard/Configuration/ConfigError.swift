/// A configuration problem: the file, line and column, the key's path, what is wrong and the
/// nearest valid key when one was mistyped.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// Dotted path of the key (`contexts[0].poll.metrics`).
    public var key: String?
    public var message: String
    public var suggestion: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String, suggestion: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String {
        var place = file ?? "config"
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        var text = place + ": " + (key.map { $0 + ": " } ?? "") + message
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        // One line on a terminal, whatever the YAML library's message or a key's name holds.
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
