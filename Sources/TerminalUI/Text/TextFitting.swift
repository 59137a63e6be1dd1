/// Fitting text into a number of columns: truncation with an ellipsis and padding, both by
/// display width, never splitting a grapheme cluster or a wide character.
public enum TextFitting {
    /// `text` cut to at most `width` columns; when cut, the last column(s) hold `ellipsis`.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if text.utf8.count <= width, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return String(repeating: ".", count: width) }
        let budget = width - ellipsisWidth
        var out = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        return out + ellipsis
    }

    public enum Alignment: Sendable { case left, right, center }

    /// `text` truncated and padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        let t = truncate(text, toWidth: width, ellipsis: ellipsis)
        let pad = width - DisplayWidth.of(t)
        guard pad > 0 else { return t }
        switch alignment {
        case .left: return t + String(repeating: " ", count: pad)
        case .right: return String(repeating: " ", count: pad) + t
        case .center:
            let l = pad / 2
            return String(repeating: " ", count: l) + t + String(repeating: " ", count: pad - l)
        }
    }
}
