import Ingest

/// Writes Prometheus text 0.0.4 or OpenMetrics 1.0: families with HELP/TYPE (and UNIT in
/// OpenMetrics), counters named per format, escaped label values, `# EOF` for OpenMetrics.
struct ExpositionWriter {
    let openMetrics: Bool
    /// Written after every sample (seconds since the epoch): milliseconds in text 0.0.4,
    /// seconds in OpenMetrics.
    let timestamp: Double?
    private(set) var text = ""

    init(openMetrics: Bool, timestamp: Double? = nil) {
        self.openMetrics = openMetrics
        self.timestamp = timestamp
        text.reserveCapacity(16_384)
    }

    /// Starts a family. `name` is the base name (counters without `_total`).
    mutating func family(_ name: String, _ type: String, help: String, unit: String? = nil) {
        let declared = !openMetrics && type == "counter" ? name + "_total" : name
        text += "# HELP \(declared) \(help)\n# TYPE \(declared) \(type)\n"
        if openMetrics, let unit { text += "# UNIT \(declared) \(unit)\n" }
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (i, l) in labels.enumerated() {
                if i > 0 { text += "," }
                text += l.0 + "=\"" + ExpositionText.escapeLabelValue(l.1) + "\""
            }
            text += "}"
        }
        text += " " + ExpositionText.number(value)
        if let timestamp {
            text += openMetrics ? " " + ExpositionText.number(timestamp) : " " + String(Int64((timestamp * 1000).rounded()))
        }
        text += "\n"
    }

    mutating func finish() -> String {
        if openMetrics { text += "# EOF\n" }
        return text
    }

    /// `le` values in OpenMetrics canonical form (`0.005`, `1.0`, `+Inf`).
    static func bound(_ v: Double) -> String {
        if v.isInfinite { return "+Inf" }
        return v == v.rounded() ? "\(Int64(v)).0" : "\(v)"
    }
}
