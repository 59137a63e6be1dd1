/// A metric family's type, as Prometheus text 0.0.4 and OpenMetrics 1.0 declare it.
public enum MetricType: String, Sendable, CaseIterable {
    case counter, gauge, histogram, gaugehistogram, summary, info, stateset
    /// No TYPE line, `untyped` (text) or `unknown` (OpenMetrics).
    case unknown

    /// The sample-name suffixes a family of this type may use ("" is the bare family name).
    public var sampleSuffixes: [String] {
        switch self {
        case .counter: ["_total", "_created"]
        case .gauge, .unknown: [""]
        case .histogram: ["_bucket", "_count", "_sum", "_created"]
        case .gaugehistogram: ["_bucket", "_gcount", "_gsum"]
        case .summary: ["", "_count", "_sum", "_created"]
        case .info: ["_info"]
        case .stateset: [""]
        }
    }
}

/// A metric family's metadata.
public struct MetricFamily: Sendable, Hashable {
    public var name: String
    public var type: MetricType
    public var help: String?
    public var unit: String?

    public init(name: String, type: MetricType, help: String? = nil, unit: String? = nil) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
    }
}
