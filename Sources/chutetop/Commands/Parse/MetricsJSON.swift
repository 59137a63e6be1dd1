import Ingest
import Monitoring

/// The `parse metrics --json` contract, written by hand so numbers keep full precision and
/// NaN / infinities become the strings "NaN", "+Inf", "-Inf".
enum MetricsJSON {
    static func render(_ page: ExpositionPage) -> String {
        var out = "{\"format\":\"\(page.format.rawValue)\",\"samples\":["
        for (i, s) in page.samples.enumerated() {
            if i > 0 { out += "," }
            out += "{\"name\":" + JSONText.string(s.name) + ",\"labels\":{"
            for (j, l) in s.labels.enumerated() {
                if j > 0 { out += "," }
                out += JSONText.string(l.name) + ":" + JSONText.string(l.value)
            }
            out += "},\"value\":" + JSONText.number(s.value)
            if let t = s.timestamp { out += ",\"timestamp_ms\":\(t.milliseconds)" }
            out += "}"
        }
        out += "],\"errors\":["
        for (i, e) in page.issues.enumerated() {
            if i > 0 { out += "," }
            out += "{\"line\":\(e.line),\"message\":" + JSONText.string(e.message) + "}"
        }
        return out + "]}"
    }
}

/// One line per sample, as a person reads it: `name{a="b"} value [timestamp_ms]`.
enum MetricsText {
    static func render(_ page: ExpositionPage) -> String {
        page.samples.map { s in
            var line = TerminalSanitizer.sanitize(s.name)
            if !s.labels.isEmpty {
                line += "{" + s.labels.map { "\($0.name)=\"\(TerminalSanitizer.sanitize(ExpositionText.escapeLabelValue($0.value)))\"" }.joined(separator: ",") + "}"
            }
            line += " " + ExpositionText.number(s.value)
            if let t = s.timestamp { line += " \(t.milliseconds)" }
            return line
        }.joined(separator: "\n")
    }
}
