/// History a source already holds (Prometheus' `query_range`), asked for so the charts are full
/// from the first frame instead of filling while the operator waits.
public struct HistoryRequest: Sendable, Hashable, Codable {
    /// nil: every chute.
    public var chutes: [String]?
    public var series: [FleetHistory.ChuteSeries]
    public var start: Double
    public var end: Double
    /// Seconds between points.
    public var step: Double

    public init(chutes: [String]?, series: [FleetHistory.ChuteSeries], start: Double, end: Double, step: Double) {
        self.chutes = chutes
        self.series = series
        self.start = start
        self.end = end
        self.step = step
    }
}

/// The answer: per chute and series, points oldest first; or why there are none.
public struct HistoryBackfill: Sendable, Hashable, Codable {
    public struct Series: Sendable, Hashable, Codable {
        public var chute: String
        public var series: FleetHistory.ChuteSeries
        public var points: [HistoryPoint]
        public init(chute: String, series: FleetHistory.ChuteSeries, points: [HistoryPoint]) {
            self.chute = chute
            self.series = series
            self.points = points
        }
    }

    public var request: HistoryRequest
    public var series: [Series]
    /// Queries that failed or warned (shown with the source's problems).
    public var problems: [String]

    public init(request: HistoryRequest, series: [Series], problems: [String] = []) {
        self.request = request
        self.series = series
        self.problems = problems
    }
}
