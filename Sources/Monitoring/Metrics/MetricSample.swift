/// One label of a series.
public struct Label: Sendable, Hashable, Comparable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (a: Label, b: Label) -> Bool { a.name < b.name }
}

/// When a sample was taken, as the exposition said it: text 0.0.4 uses integer milliseconds,
/// OpenMetrics float seconds (kept at full precision).
public enum SampleTimestamp: Sendable, Hashable {
    case milliseconds(Int64)
    case seconds(Double)

    /// Milliseconds since the epoch (OpenMetrics seconds truncated toward zero, as Prometheus does).
    public var milliseconds: Int64 {
        switch self {
        case .milliseconds(let ms): ms
        case .seconds(let s): Int64(exactly: (s * 1000).rounded(.towardZero)) ?? (s < 0 ? .min : .max)
        }
    }

    public var seconds: Double {
        switch self {
        case .milliseconds(let ms): Double(ms) / 1000
        case .seconds(let s): s
        }
    }
}

/// One sample of a scrape: a series (name plus labels sorted by name) and its value.
public struct MetricSample: Sendable, Hashable {
    public var name: String
    /// Sorted by label name.
    public var labels: [Label]
    public var value: Double
    public var timestamp: SampleTimestamp?
    /// Index into the page's families.
    public var family: Int
    /// 1-based line in the exposition.
    public var line: Int

    public init(name: String, labels: [Label], value: Double, timestamp: SampleTimestamp? = nil, family: Int = 0, line: Int = 0) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
        self.family = family
        self.line = line
    }

    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}
