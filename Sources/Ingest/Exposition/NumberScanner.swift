/// Numbers in expositions, validated against the grammar before conversion. Swift's
/// `Double(String)` alone would accept hex (`0x10`), `nan(0x1)` and `infinity` spellings the
/// formats do not allow; here only decimal reals and the case-insensitive specials
/// `NaN`, `[+-]Inf`, `[+-]Infinity` pass (PROTOCOLS.md §1.2.4).
enum NumberScanner {
    /// A sample value, or nil if `[start, end)` is not one.
    static func value(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, openMetrics: Bool) -> Double? {
        guard start < end else { return nil }
        if let d = decimal(p, start, end) { return d }
        return special(p, start, end, openMetrics: openMetrics)
    }

    /// OpenMetrics timestamp: float seconds, no specials.
    static func seconds(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard start < end else { return nil }
        return decimal(p, start, end)
    }

    /// Text-format timestamp: integer milliseconds, optionally signed.
    static func milliseconds(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        var negative = false
        if i < end && (p[i] == 0x2B || p[i] == 0x2D) { negative = p[i] == 0x2D; i += 1 }
        guard i < end else { return nil }
        var v: Int64 = 0
        while i < end {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return negative ? -v : v
    }

    private static let exactPowers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// `[sign] digits [. digits] [e [sign] digits]` with at least one digit in the mantissa.
    /// Exact fast path for up to 19 significant digits and small exponents; otherwise the
    /// validated text goes to the correctly rounding standard-library conversion.
    @inline(__always)
    static func decimal(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if p[i] == 0x2B || p[i] == 0x2D { negative = p[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        var truncated = false
        while i < end, p[i] &- 0x30 < 10 {
            let d = UInt64(p[i] &- 0x30)
            if significant < 19 {
                if mantissa != 0 || d != 0 { mantissa = mantissa * 10 + d; if mantissa != 0 { significant += 1 } }
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
            digits += 1
            i += 1
        }
        if i < end && p[i] == 0x2E {
            i += 1
            while i < end, p[i] &- 0x30 < 10 {
                let d = UInt64(p[i] &- 0x30)
                if significant < 19 {
                    mantissa = mantissa * 10 + d
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end && (p[i] | 0x20) == 0x65 {
            i += 1
            var expNegative = false
            if i < end && (p[i] == 0x2B || p[i] == 0x2D) { expNegative = p[i] == 0x2D; i += 1 }
            var e = 0
            var expDigits = 0
            while i < end, p[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if !truncated && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= exactPowers[-exponent] } else { v *= exactPowers[exponent] }
            return negative ? -v : v
        }
        let text = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
        // Out of range is an error, as in Go's ParseFloat, not a silent infinity.
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// `NaN`, `+Inf`, `-Infinity` and friends, case-insensitive. OpenMetrics gives NaN no sign.
    private static func special(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, openMetrics: Bool) -> Double? {
        var i = start
        var sign = 0
        if p[i] == 0x2B || p[i] == 0x2D { sign = p[i] == 0x2D ? -1 : 1; i += 1 }
        let n = end - i
        guard n == 3 || n == 8 else { return nil }
        var word: UInt64 = 0
        for k in 0..<n { word = word << 8 | UInt64(p[i + k] | 0x20) }
        switch word {
        case 0x6E_616E: return sign != 0 && openMetrics ? nil : .nan  // "nan"
        case 0x69_6E66, 0x696E_6669_6E69_7479: return sign < 0 ? -.infinity : .infinity  // "inf", "infinity"
        default: return nil
        }
    }
}
