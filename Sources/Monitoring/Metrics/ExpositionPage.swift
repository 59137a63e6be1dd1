/// The result of parsing one exposition: families, samples, `_created` stamps and the problems
/// found. A bad line is skipped and reported; everything else is kept.
public struct ExpositionPage: Sendable {
    public enum Format: String, Sendable { case text = "text", openMetrics = "openmetrics" }

    /// A problem with one line (1-based), which was skipped or flagged.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) { self.line = line; self.message = message }
        public var description: String { "line \(line): \(message)" }
    }

    /// A series' creation time from an `x_created` sample: a change means the counter was reset.
    public struct CreatedStamp: Sendable, Hashable {
        /// The family's name (e.g. `requests` for `requests_total` / `requests_created`).
        public var family: String
        public var labels: [Label]
        /// Seconds since the epoch.
        public var created: Double

        public init(family: String, labels: [Label], created: Double) {
            self.family = family
            self.labels = labels
            self.created = created
        }
    }

    public var format: Format
    public var families: [MetricFamily]
    public var samples: [MetricSample]
    public var created: [CreatedStamp]
    public var issues: [Issue]
    /// Samples whose series appeared earlier in the same page (the first value is kept).
    public var duplicateCount: Int
    /// Exemplars seen and set aside.
    public var exemplarCount: Int

    public init(format: Format, families: [MetricFamily] = [], samples: [MetricSample] = [], created: [CreatedStamp] = [],
                issues: [Issue] = [], duplicateCount: Int = 0, exemplarCount: Int = 0) {
        self.format = format
        self.families = families
        self.samples = samples
        self.created = created
        self.issues = issues
        self.duplicateCount = duplicateCount
        self.exemplarCount = exemplarCount
    }
}
