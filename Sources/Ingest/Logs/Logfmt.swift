/// logfmt: `key=value key2="quoted value" flag`. Returns nil unless the line starts with a
/// `key=` pair, so ordinary prose is not mistaken for logfmt.
enum Logfmt {
    static func pairs(_ text: Substring) -> [(String, String)]? {
        var result: [(String, String)] = []
        var i = text.startIndex
        func isKeyChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" || c == "@" }
        while i < text.endIndex {
            while i < text.endIndex && text[i] == " " { i = text.index(after: i) }
            guard i < text.endIndex else { break }
            let keyStart = i
            while i < text.endIndex && isKeyChar(text[i]) { i = text.index(after: i) }
            let key = String(text[keyStart..<i])
            guard !key.isEmpty else { return result.isEmpty ? nil : result }
            guard i < text.endIndex, text[i] == "=" else {
                if result.isEmpty { return nil }
                result.append((key, "true"))
                continue
            }
            i = text.index(after: i)
            var value = ""
            if i < text.endIndex && text[i] == "\"" {
                i = text.index(after: i)
                while i < text.endIndex && text[i] != "\"" {
                    if text[i] == "\\", text.index(after: i) < text.endIndex {
                        i = text.index(after: i)
                        value.append(text[i] == "n" ? "\n" : text[i])
                    } else {
                        value.append(text[i])
                    }
                    i = text.index(after: i)
                }
                guard i < text.endIndex else { return nil }
                i = text.index(after: i)
            } else {
                let vStart = i
                while i < text.endIndex && text[i] != " " { i = text.index(after: i) }
                value = String(text[vStart..<i])
            }
            result.append((key, value))
        }
        return result
    }
}
