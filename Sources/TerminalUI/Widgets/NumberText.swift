/// Short number formats for narrow columns, without Foundation.
public enum NumberText {
    /// 3 significant figures with k/M/G suffixes: 0.123, 12.3, 1.23k, 45.6M. NaN is "—".
    public static func compact(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "—" : (v > 0 ? "+Inf" : "-Inf") }
        let a = abs(v)
        let sign = v < 0 ? "-" : ""
        if a >= 1e15 { return "\(v)" }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where a >= scale {
            return sign + fixed(a / scale, significant: 3) + suffix
        }
        if a == 0 { return "0" }
        return sign + fixed(a, significant: 3)
    }

    /// `v` rounded to `digits` decimals, e.g. fixed(3.14159, decimals: 1) == "3.1".
    public static func fixed(_ v: Double, decimals digits: Int) -> String {
        guard v.isFinite else { return compact(v) }
        // Beyond 1e15 the integer conversion below would trap; such values get exponent notation.
        guard abs(v) < 1e15 else { return "\(v)" }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let rounded = (abs(v) * scale).rounded()
        let whole = Int(rounded / scale)
        var text = (v < 0 && rounded != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let frac = Int(rounded - Double(whole) * scale)
            let digitsText = String(frac)
            text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }

    /// A fraction as a percentage: 0.1234 -> "12.3%".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "—" }
        return fixed(fraction * 100, decimals: decimals) + "%"
    }

    private static func fixed(_ a: Double, significant: Int) -> String {
        let decimals = a >= 100 ? 0 : (a >= 10 ? 1 : 2)
        var text = fixed(a, decimals: max(0, min(significant - 1, decimals)))
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
