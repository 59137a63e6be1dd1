import Monitoring

/// Times as logs write them: RFC 3339 / ISO 8601 (`2026-11-21T03:04:05.678Z`, `+02:00`
/// offsets, a space instead of `T`) or a number of seconds, milliseconds or nanoseconds.
public enum Timestamps {
    /// Seconds since the epoch, or nil.
    public static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        if let n = Double(text), !b.isEmpty, b.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) {
            return plausible(LogDecoder.epochSeconds(n))
        }
        guard b.count >= 19 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                let d = Int(b[k]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = num(0, 4), b[4] == 0x2D, let month = num(5, 2), b[7] == 0x2D, let day = num(8, 2),
              b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20, let hour = num(11, 2), b[13] == 0x3A,
              let minute = num(14, 2), b[16] == 0x3A, let second = num(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count && (b[i] == 0x2E || b[i] == 0x2C) {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 0x5A || b[i] == 0x7A {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D, i + 5 < b.count + 1 {
                let sign = b[i] == 0x2D ? -1 : 1
                guard let oh = num(i + 1, 2) else { return nil }
                var om = 0
                if i + 3 < b.count && b[i + 3] == 0x3A, i + 6 <= b.count, let m = num(i + 4, 2) { om = m; i += 6 }
                else if i + 5 <= b.count, let m = num(i + 3, 2) { om = m; i += 5 }
                else { i += 3 }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year, month, day)
        return plausible(Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction)
    }

    /// Epoch seconds between 2000 and 2100, or nil: a number outside that range is not a log
    /// time (a status code, a count), and a time outside it would not fit a clock column.
    public static func plausible(_ seconds: Double) -> Double? {
        seconds >= 946_684_800 && seconds < 4_102_444_800 ? seconds : nil
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-21T03:04:05.678Z`.
    public static func iso8601(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "1970-01-01T00:00:00.000Z" }
        let ms = Int((seconds * 1000).rounded(.down))
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let (y, m, d) = CivilDate.fromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T" + clock(seconds) + "Z"
    }

    /// `HH:MM:SS.mmm` (UTC) for log columns.
    public static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "--:--:--.---" }
        let ms = Int((seconds * 1000).rounded(.down))
        let dayMs = ((ms % 86_400_000) + 86_400_000) % 86_400_000
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = dayMs % 1000
        return "\(two(dayMs / 3_600_000)):\(two(dayMs / 60_000 % 60)):\(two(dayMs / 1000 % 60))." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + "\(millis)"
    }
}
