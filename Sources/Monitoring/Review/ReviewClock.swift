/// How the review says when something was seen: UTC time of day ("03:12:04Z"), so evidence
/// reads the same wherever it is pasted.
public enum ReviewClock {
    public static func time(_ t: Double) -> String {
        guard t.isFinite else { return "—" }
        let s = Int(t.rounded(.down))
        let day = ((s % 86_400) + 86_400) % 86_400
        return pad(day / 3600) + ":" + pad(day / 60 % 60) + ":" + pad(day % 60) + "Z"
    }

    /// The date of `t` (UTC), "2026-11-30".
    public static func date(_ t: Double) -> String {
        let days = Int((t / 86_400).rounded(.down))
        let d = CivilDate.fromDays(days)
        return "\(d.year)-" + pad(d.month) + "-" + pad(d.day)
    }

    /// Seconds as said in evidence: "0.004 s", "1.8 s", "12 s".
    public static func seconds(_ s: Double) -> String {
        if !s.isFinite { return "too long (timed out)" }
        if s < 0.01 { return String(format3(s)) + " s" }
        if s < 10 { return format2(s) + " s" }
        return "\(Int(s.rounded())) s"
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func format2(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100)." + pad(hundredths % 100)
    }

    static func format3(_ x: Double) -> String {
        let thousandths = Int((x * 1000).rounded())
        let frac = thousandths % 1000
        return "\(thousandths / 1000)." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + "\(frac)"
    }
}
