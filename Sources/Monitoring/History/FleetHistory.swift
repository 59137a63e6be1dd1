/// The history kept for what the dashboard charts, and nothing else: per chute its request
/// rate (the overview's trend and the chute view's chart), error ratio and p50/p95/p99 (the
/// chute view's charts). No view charts an instance, a chute's GPU utilisation or ready count
/// over time, so none is kept. A series' memory grows with its points up to a fixed bound (see
/// ARCHITECTURE.md, "History memory budget"); the long tier (minute means) costs nothing unless
/// `longSpan` asks for it.
public struct FleetHistory: Sendable {
    public enum ChuteSeries: String, Sendable, CaseIterable { case requestRate, errorRatio, p50, p95, p99 }

    public struct Key: Sendable, Hashable {
        public var chute: String
        public var series: ChuteSeries
    }

    public var recentSpan: Double
    public var resolution: Double
    public var longSpan: Double
    public private(set) var series: [Key: SeriesHistory] = [:]

    public init(recentSpan: Double = 3600, resolution: Double, longSpan: Double = 0) {
        self.recentSpan = recentSpan
        self.resolution = resolution
        self.longSpan = longSpan
    }

    /// Adds one point per kept series from a picture; forgets chutes no longer in it.
    public mutating func record(_ picture: FleetPicture) {
        var present = Set<String>()
        for c in picture.chutes {
            present.insert(c.name)
            for s in ChuteSeries.allCases {
                let value: Double? = switch s {
                case .requestRate: c.requestRate.value
                case .errorRatio: c.errorRatio.value
                case .p50: c.p50.value
                case .p95: c.p95.value
                case .p99: c.p99.value
                }
                append(Key(chute: c.name, series: s), picture.time, value)
            }
        }
        for key in series.keys where !present.contains(key.chute) { series[key] = nil }
    }

    private mutating func append(_ key: Key, _ time: Double, _ value: Double?) {
        // In place: a copy out of the dictionary would copy the ring's buffer on every point.
        if let index = series.index(forKey: key) {
            series.values[index].append(time: time, value: value)
            return
        }
        var new = SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: time.rounded(.down))
        new.append(time: time, value: value)
        series[key] = new
    }

    public func points(chute: String, _ name: ChuteSeries) -> [HistoryPoint] {
        series[Key(chute: chute, series: name)]?.recent.points ?? []
    }

    /// Bytes held now by every series' buffers.
    public var memoryBytes: Int { series.values.reduce(0) { $0 + $1.memoryBytes } }

    /// Bytes every series kept now would hold once full (the worst case for this fleet).
    public var capacityBytes: Int { series.values.reduce(0) { $0 + $1.capacityBytes } }

    /// The worst-case cost of one chute (bytes): every series full. Instances add nothing.
    public var budgetPerChute: Int {
        SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: 0).capacityBytes * ChuteSeries.allCases.count
    }
}
