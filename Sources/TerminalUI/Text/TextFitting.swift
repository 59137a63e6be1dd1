/// Fitting text into a number of columns: truncation with an ellipsis (at the end, in the
/// middle, or keeping a suffix whole), word wrapping and padding, all by display width, never
/// splitting a grapheme cluster or a wide character.
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

    /// `text` cut to at most `width` columns in the middle, keeping its start and its end.
    public static func truncateMiddle(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return String(repeating: ".", count: width) }
        let budget = width - ellipsisWidth
        let headBudget = (budget + 1) / 2
        var head = "", tail = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > headBudget { break }
            head.append(c)
            used += w
        }
        used = 0
        for c in text.reversed() {
            let w = DisplayWidth.of(c)
            if used + w > budget - DisplayWidth.of(head) { break }
            tail.insert(c, at: tail.startIndex)
            used += w
        }
        return head + ellipsis + tail
    }

    /// `head + suffix` in at most `width` columns with `suffix` whole: when it does not fit,
    /// `head` is shortened in the middle (a chute's name before "/i-2", so the instance stays
    /// visible). A suffix wider than the room is itself shortened in the middle.
    public static func truncate(_ head: String, keeping suffix: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let whole = head + suffix
        if DisplayWidth.of(whole) <= width { return whole }
        let room = width - DisplayWidth.of(suffix)
        guard room >= DisplayWidth.of(ellipsis) else { return truncateMiddle(whole, toWidth: width, ellipsis: ellipsis) }
        return truncateMiddle(head, toWidth: room, ellipsis: ellipsis) + suffix
    }

    /// `text` broken into lines of at most `width` columns at spaces; a word longer than a
    /// line is split where the line ends. Nothing is dropped.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = "", lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var wordWidth = DisplayWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { lines.append(line) }
            (line, lineWidth) = ("", 0)
            while wordWidth > width {
                var piece = "", used = 0
                for c in word {
                    let w = DisplayWidth.of(c)
                    if used + w > width { break }
                    piece.append(c)
                    used += w
                }
                guard !piece.isEmpty else { return lines }  // a character wider than the line
                lines.append(piece)
                word.removeFirst(piece.count)
                wordWidth = DisplayWidth.of(word)
            }
            (line, lineWidth) = (word, wordWidth)
        }
        if lineWidth > 0 { lines.append(line) }
        return lines
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
