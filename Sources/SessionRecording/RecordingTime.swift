import Foundation
import Monitoring

/// A moment in a recording as an operator writes it: epoch seconds (`1764470000`,
/// `1764470000.5`), RFC 3339 (`2026-11-30T03:12:00Z`, with an offset or fractional seconds),
/// UTC time of day on the recording's first day (`03:12`, `03:12:30`), or an offset from the
/// recording's start (`+90`, `+1m30s`, `+2h`).
public enum RecordingTime {
    public static func parse(_ text: String, start: Double? = nil) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let epoch = Double(t), epoch.isFinite, !t.hasPrefix("+"), !t.hasPrefix("-") { return epoch }
        if t.hasPrefix("+"), let start, let offset = duration(String(t.dropFirst())) { return start + offset }
        if let start, let ofDay = timeOfDay(t) {
            let midnight = (start / 86_400).rounded(.down) * 86_400
            return midnight + ofDay
        }
        return rfc3339(t)
    }

    /// RFC 3339 to epoch seconds.
    public static func rfc3339(_ text: String) -> Double? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let d = plain.date(from: text) { return d.timeIntervalSince1970 }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)?.timeIntervalSince1970
    }

    /// `90`, `90s`, `1m30s`, `2h`, `1h5m`: seconds.
    static func duration(_ text: String) -> Double? {
        if let seconds = Double(text), seconds >= 0 { return seconds }
        return DurationText.seconds(text)
    }

    /// `HH:MM` or `HH:MM:SS`: seconds after midnight.
    static func timeOfDay(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m),
              parts.allSatisfy({ $0.count == 2 }) else { return nil }
        let s = parts.count == 3 ? Double(parts[2]) : 0
        guard let s, (0..<60).contains(s) else { return nil }
        return Double(h * 3600 + m * 60) + s
    }

    /// `03:12:30` (UTC) for messages; with `tenths`, `03:12:30.4` for the position bar (two
    /// judgements can fall in one second).
    public static func clock(_ time: Double, tenths: Bool = false) -> String {
        let s = Int(time.rounded(.down)) % 86_400
        let text = String(format: "%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
        return tenths ? text + ".\(Int((time - time.rounded(.down)) * 10))" : text
    }

    /// `1:02:03` or `2:03`: a span for the position bar.
    public static func span(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
