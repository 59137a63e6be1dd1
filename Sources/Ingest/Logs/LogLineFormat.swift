import Monitoring

/// How a log entry is shown on one line, in the dashboard and by `chutetop parse logs`:
/// `HH:MM:SS.mmm LEVEL message [req=…] key=value …`.
public enum LogLineFormat {
    public static func line(_ entry: LogEntry, instance: String? = nil) -> String {
        var parts: [String] = []
        if let instance { parts.append("[\(TerminalSanitizer.sanitize(instance))]") }
        parts.append(entry.time.map(Timestamps.clock) ?? "--:--:--.---")
        parts.append(entry.level?.label ?? "     ")
        parts.append(entry.message)
        if let id = entry.requestID { parts.append("req=\(id)") }
        for f in entry.fields { parts.append("\(f.name)=\(f.value)") }
        return parts.joined(separator: " ")
    }
}
