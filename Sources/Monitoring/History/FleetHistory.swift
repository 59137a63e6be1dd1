/// The history kept for what the dashboard derives or shows: per chute its request rate,
/// error ratio, p50/p95/p99, mean GPU utilisation and ready count; per instance its request
/// rate, error ratio and mean GPU utilisation. Nothing else is kept. A series' memory grows
/// with its points up to a fixed bound (see ARCHITECTURE.md, "History memory budget").
public struct FleetHistory: Sendable {
    public enum ChuteSeries: String, Sendable, CaseIterable { case requestRate, errorRatio, p50, p95, p99, gpuUtilization, ready }
    public enum InstanceSeries: String, Sendable, CaseIterable { case requestRate, errorRatio, gpuUtilization }

    public struct Key: Sendable, Hashable {
        public var chute: String
        public var instance: String?
        public var series: String
    }

    public var recentSpan: Double
    public var resolution: Double
    public var longSpan: Double
    public private(set) var series: [Key: SeriesHistory] = [:]

    public init(recentSpan: Double = 3600, resolution: Double, longSpan: Double = 86_400) {
        self.recentSpan = recentSpan
        self.resolution = resolution
        self.longSpan = longSpan
    }

    /// Adds one point per kept series from a picture; forgets instances no longer in it.
    public mutating func record(_ picture: FleetPicture) {
        var present = Set<Key>()
        for c in picture.chutes {
            let values: [ChuteSeries: Double?] = [
                .requestRate: c.requestRate.value, .errorRatio: c.errorRatio.value, .p50: c.p50.value,
                .p95: c.p95.value, .p99: c.p99.value, .gpuUtilization: c.gpu?.meanUtilization, .ready: Double(c.counts.ready),
            ]
            for s in ChuteSeries.allCases { append(Key(chute: c.name, instance: nil, series: s.rawValue), picture.time, values[s] ?? nil, &present) }
            for i in c.instances {
                let values: [InstanceSeries: Double?] = [
                    .requestRate: i.requestRate.value, .errorRatio: i.errorRatio.value, .gpuUtilization: i.gpu?.meanUtilization,
                ]
                for s in InstanceSeries.allCases { append(Key(chute: c.name, instance: i.id, series: s.rawValue), picture.time, values[s] ?? nil, &present) }
            }
        }
        for key in series.keys where !present.contains(key) { series[key] = nil }
    }

    private mutating func append(_ key: Key, _ time: Double, _ value: Double?, _ present: inout Set<Key>) {
        present.insert(key)
        if series[key] == nil {
            series[key] = SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: time.rounded(.down))
        }
        series[key]!.append(time: time, value: value)
    }

    public func points(chute: String, instance: String? = nil, _ name: String) -> [HistoryPoint] {
        series[Key(chute: chute, instance: instance, series: name)]?.recent.points ?? []
    }

    /// Bytes held now by every series' buffers.
    public var memoryBytes: Int { series.values.reduce(0) { $0 + $1.memoryBytes } }

    /// Bytes every series kept now would hold once full (the worst case for this fleet).
    public var capacityBytes: Int { series.values.reduce(0) { $0 + $1.capacityBytes } }

    /// The worst-case cost of one chute with `instances` instances (bytes): every series full.
    public func budget(instances: Int) -> Int {
        let one = SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: 0).capacityBytes
        return one * (ChuteSeries.allCases.count + instances * InstanceSeries.allCases.count)
    }
}
