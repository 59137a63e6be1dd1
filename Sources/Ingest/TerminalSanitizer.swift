/// Makes untrusted text safe to draw: log lines, label values, HELP text, API strings, error
/// bodies. Follows PROTOCOLS.md §8.2:
/// - bytes are decoded as UTF-8 with U+FFFD for invalid sequences;
/// - whole escape sequences (CSI, OSC incl. 52 and 8, DCS, SOS, PM, APC, two-byte ESC) are removed;
/// - other C0 controls, DEL and C1 (incl. the 8-bit CSI U+009B) are shown as visible `^X` / `<9b>`;
/// - tab becomes spaces; a newline becomes a visible `⏎` so one entry stays one line;
/// - bidi controls and zero-width characters are removed (Trojan Source), U+2028/9 become `⏎`.
public enum TerminalSanitizer {
    public static func sanitize(_ bytes: some Sequence<UInt8>) -> String {
        sanitize(String(decoding: Array(bytes), as: UTF8.self))
    }

    public static func sanitize(_ text: String) -> String {
        // Fast path: printable ASCII needs no work.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var it = Array(text.unicodeScalars)[...]
        while let s = it.popFirst() {
            let v = s.value
            switch v {
            case 0x1B:
                skipEscapeSequence(&it)
            case 0x09:
                out.append(contentsOf: "    ".unicodeScalars)
            case 0x0A, 0x2028, 0x2029:
                out.append("⏎")
            case 0x0D where it.first == "\n":
                continue
            case 0x00..<0x20:
                out.append("^")
                out.append(Unicode.Scalar(UInt8(v + 0x40)))
            case 0x7F:
                out.append(contentsOf: "^?".unicodeScalars)
            case 0x80..<0xA0:
                out.append(contentsOf: "<\(hex(v))>".unicodeScalars)
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C:
                continue
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    /// Drops the rest of an escape sequence whose ESC was just consumed.
    private static func skipEscapeSequence(_ it: inout ArraySlice<Unicode.Scalar>) {
        guard let next = it.popFirst() else { return }
        switch next {
        case "[":
            // CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
            while let s = it.popFirst() {
                if s.value >= 0x40 && s.value <= 0x7E { return }
                if s.value < 0x20 || s.value > 0x7E { return }
            }
        case "]", "P", "X", "^", "_":
            // OSC, DCS, SOS, PM, APC: up to BEL (OSC) or ST (ESC \ or U+009C).
            while let s = it.popFirst() {
                if s.value == 0x07 || s.value == 0x9C { return }
                if s.value == 0x1B {
                    if it.first == "\\" { it.removeFirst() }
                    return
                }
            }
        default:
            // Two-byte sequences (ESC + 0x20-0x7E) are dropped whole; anything else only loses ESC.
            if next.value < 0x20 || next.value > 0x7E { it.insert(next, at: it.startIndex) }
        }
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 4 & 0xF)], digits[Int(v & 0xF)]])
    }
}
