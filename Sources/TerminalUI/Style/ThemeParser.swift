import Monitoring

/// Parses the theme file format documented in Themes/README.md.
///
///     name   Default (dark)
///     # role      foreground   background   attributes
///     critical    #ff5f5f      default      bold
public enum ThemeParser {
    public static func parse(_ text: String, origin: String) throws(ThemeFileError) -> Theme {
        var name: String?
        var styles: [Role: CellStyle] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let key = fields[0]
            if key == "name" {
                let value = line.dropFirst(4).trimmingSpaces()
                guard !value.isEmpty else {
                    throw ThemeFileError(file: origin, line: lineNumber, role: nil, message: "'name' needs a value")
                }
                name = String(value)
                continue
            }
            guard let role = Role(themeName: key) else {
                let suggestion = Suggestion.nearest(to: key, among: Role.allCases.map(\.themeName) + ["name"])
                throw ThemeFileError(file: origin, line: lineNumber, role: key,
                                     message: "unknown role '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
            }
            if styles[role] != nil {
                throw ThemeFileError(file: origin, line: lineNumber, role: key, message: "role '\(key)' is defined twice")
            }
            guard fields.count >= 3 else {
                throw ThemeFileError(file: origin, line: lineNumber, role: key,
                                     message: "expected '\(key) FOREGROUND BACKGROUND [ATTRIBUTES...]'")
            }
            guard let fg = TerminalColor(parsing: fields[1]) else {
                throw ThemeFileError(file: origin, line: lineNumber, role: key, message: "invalid foreground colour '\(fields[1])'")
            }
            guard let bg = TerminalColor(parsing: fields[2]) else {
                throw ThemeFileError(file: origin, line: lineNumber, role: key, message: "invalid background colour '\(fields[2])'")
            }
            var attributes: TextAttributes = []
            for word in fields.dropFirst(3) {
                guard let a = TextAttributes.names.first(where: { $0.0 == word.lowercased() })?.1 else {
                    throw ThemeFileError(file: origin, line: lineNumber, role: key,
                                         message: "unknown attribute '\(word)' (use bold, dim, italic, underline, reverse)")
                }
                attributes.insert(a)
            }
            styles[role] = CellStyle(foreground: fg, background: bg, attributes: attributes)
        }
        guard let themeName = name else {
            throw ThemeFileError(file: origin, line: lineNumber, role: nil, message: "missing 'name' line")
        }
        if let missing = Role.allCases.first(where: { styles[$0] == nil }) {
            throw ThemeFileError(file: origin, line: lineNumber, role: missing.themeName,
                                 message: "role '\(missing.themeName)' is not defined (every role must be)")
        }
        return Theme(name: themeName, origin: origin, styles: styles)
    }
}

/// A theme file problem, naming the file, the line and the role.
public struct ThemeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var role: String?
    public var message: String

    public init(file: String, line: Int, role: String?, message: String) {
        self.file = file
        self.line = line
        self.role = role
        self.message = message
    }

    public var description: String {
        "\(file):\(line): " + (role.map { "role '\($0)': " } ?? "") + message
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    public func trimmingSpaces() -> Substring {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return Substring(s)
    }
}
