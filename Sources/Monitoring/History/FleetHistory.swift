/// The history kept for what the dashboard charts, and nothing else: per chute its request
/// rate (the overview's trend and the chute view's chart), error ratio and p50/p95/p99 (the
/// chute view's charts), and for LLM chutes (those with engine figures) the engine panel's
/// queue, KV cache, generated tokens/s and TTFT / inter-token p95. No view charts an instance, a chute's GPU utilisation or ready count
/// over time, so none is kept. A series' memory grows with its points up to a fixed bound (see
/// ARCHITECTURE.md, "History memory budget"); the long tier (minute means) costs nothing unless
/// `longSpan` asks for it.
public struct FleetHistory: Sendable {
    public enum ChuteSeries: String, Sendable, CaseIterable, Codable {
        case requestRate, errorRatio, p50, p95, p99
        case waiting, kvCacheUsage, generationTokens, timeToFirstTokenP95, interTokenLatencyP95

        /// The series every chute keeps; the others only chutes with engine figures.
        public static let traffic: [ChuteSeries] = [.requestRate, .errorRatio, .p50, .p95, .p99]
        public static let engine: [ChuteSeries] = [.waiting, .kvCacheUsage, .generationTokens, .timeToFirstTokenP95, .interTokenLatencyP95]
    }

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
            for s in c.inference == nil ? ChuteSeries.traffic : ChuteSeries.allCases {
                let e = c.inference
                let value: Double? = switch s {
                case .requestRate: c.requestRate.value
                case .errorRatio: c.errorRatio.value
                case .p50: c.p50.value
                case .p95: c.p95.value
                case .p99: c.p99.value
                case .waiting: e?.waiting
                case .kvCacheUsage: e?.kvCacheUsage
                case .generationTokens: e?.generationTokensPerSecond
                case .timeToFirstTokenP95: e?.timeToFirstTokenP95
                case .interTokenLatencyP95: e?.interTokenLatencyP95
                }
                append(Key(chute: c.name, series: s), picture.time, value)
            }
        }
        for key in series.keys where !present.contains(key.chute) { series[key] = nil }
    }

    mutating func append(_ key: Key, _ time: Double, _ value: Double?) {
        // In place: a copy out of the dictionary would copy the ring's buffer on every point.
        if let index = series.index(forKey: key) {
            series.values[index].append(time: time, value: value)
            return
        }
        var new = SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: time.rounded(.down))
        new.append(time: time, value: value)
        series[key] = new
    }

    /// Points a source held from before this history began (older than its first point) go in
    /// front of it; points this history already covers are left as recorded.
    public mutating func backfill(chute: String, _ name: ChuteSeries, _ points: [HistoryPoint]) {
        let key = Key(chute: chute, series: name)
        let existing = series[key]?.recent.points ?? []
        let older = points.filter { p in p.value.isFinite && existing.first.map { p.time < $0.time } ?? true }.sorted { $0.time < $1.time }
        guard let first = older.first else { return }
        var merged = SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: first.time.rounded(.down))
        for p in older + existing { merged.append(time: p.time, value: p.value) }
        series[key] = merged
    }

    /// A series as means over equal slices of time ending at `end` and reaching back to its
    /// first point (at most `span` seconds), at most `buckets` of them and no more than it has
    /// points: what a chart draws, so points far apart in time are drawn far apart whatever
    /// their spacing (an hour read from Prometheus at 18 s steps, then live points every
    /// second). A longer silence than the data's spacing stays a gap (NaN).
    public func resampled(chute: String, _ name: ChuteSeries, buckets: Int, end: Double, span: Double = 3600) -> [Double] {
        let all = points(chute: chute, name)
        guard buckets > 0, let first = all.first else { return [] }
        let start = max(end - span, first.time)
        let points = all.filter { $0.time >= start }
        let n = max(1, min(buckets, points.count))
        let width = max(end - start, resolution) / Double(n)
        var sums = [Double](repeating: 0, count: n), counts = [Int](repeating: 0, count: n)
        var last = [Double?](repeating: nil, count: n)
        for p in points {
            let k = min(n - 1, max(0, Int((p.time - start) / width)))
            sums[k] += p.value
            counts[k] += 1
            last[k] = p.time
        }
        // A slice with no point takes the earlier point's value while the silence around it is
        // no longer than the data's own spacing allows (2.5 steps of the points before it, or
        // three slices): an hour read at 10-minute steps is a line, a minute without answers
        // among live seconds is a gap.
        var out = [Double](repeating: .nan, count: n)
        var previous: (value: Double, time: Double, step: Double)?
        var next = 0
        for k in 0..<n {
            let sliceEnd = start + Double(k + 1) * width
            while next < points.count && points[next].time < sliceEnd { next += 1 }
            if counts[k] > 0 {
                let t = last[k]!
                let step = previous.map { t - $0.time } ?? 0
                out[k] = sums[k] / Double(counts[k])
                previous = (out[k], t, counts[k] > 1 ? width / Double(counts[k]) : step)
            } else if let p = previous, next < points.count {
                // The first point has no step before it: the spacing after the silence stands in.
                let step = p.step > 0 ? p.step : next + 1 < points.count ? points[next + 1].time - points[next].time : 0
                if points[next].time - p.time <= max(3 * width, 2.5 * step) { out[k] = p.value }
            }
        }
        return out
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
        SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: 0).capacityBytes * ChuteSeries.traffic.count
    }

    /// The worst-case cost of one LLM chute (its engine series too).
    public var budgetPerLLMChute: Int {
        SeriesHistory(recentSpan: recentSpan, resolution: resolution, longSpan: longSpan, epoch: 0).capacityBytes * ChuteSeries.allCases.count
    }
}
