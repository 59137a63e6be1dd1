/// Small JSON writing helpers: strings escaped per RFC 8259, numbers with round-trip precision
/// and NaN / infinities as the strings "NaN", "+Inf", "-Inf".
public enum JSONText {
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// The exposition spelling; NaN and infinities, which JSON has no numbers for, as strings.
    public static func number(_ v: Double) -> String {
        v.isFinite ? ExpositionText.number(v) : "\"" + ExpositionText.number(v) + "\""
    }
}
