/// Plain-text forms of a screen, for snapshot tests and headless output: the text rows and a
/// role mask with one code per column (`Role.maskCode`; wide characters fill both columns).
extension Screen {
    public var textLines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for cell in row(y) where !cell.isContinuation { line.append(cell.character) }
            return line
        }
    }

    public var roleMaskLines: [String] {
        (0..<size.height).map { y in String(row(y).map { $0.role.maskCode }) }
    }

    /// Text rows with trailing spaces removed.
    public var trimmedText: String {
        textLines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }
}
