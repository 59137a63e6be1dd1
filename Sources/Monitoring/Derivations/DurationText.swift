/// A duration as written in a scenario or a seek: units `h`, `m`, `s` in any order of size
/// (`90s`, `2m`, `1h30m`, `1.5m`).
public enum DurationText {
    /// Seconds, or nil when the text is not made of numbers with a unit each.
    public static func seconds(_ text: String) -> Double? {
        var total = 0.0, digits = ""
        for c in text {
            if c.isNumber || c == "." { digits.append(c); continue }
            guard let v = Double(digits) else { return nil }
            switch c {
            case "h": total += v * 3600
            case "m": total += v * 60
            case "s": total += v
            default: return nil
            }
            digits = ""
        }
        return digits.isEmpty && !text.isEmpty ? total : nil
    }
}
