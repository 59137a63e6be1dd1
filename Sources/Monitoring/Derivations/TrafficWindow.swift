/// The request and latency-bucket counters of one instance over the rate window, kept per
/// series so each `rate` is PromQL's on that series' own points. Adding a scrape and computing
/// the figures cost time in proportion to the series count, not the window length: each point
/// stores its reset-corrected value, so an increase is one subtraction.
public struct TrafficWindow: Sendable {
    struct SeriesKey: Hashable {
        var labels: [Label]
        /// nil for a request counter; the bucket's upper bound otherwise.
        var bound: Double?
    }

    struct Series {
        var serverError: Bool
        var times: [Double] = []
        var values: [Double] = []
        /// Value plus every earlier reset's correction: differences are increases.
        var corrected: [Double] = []
        var lastCreated: Double?
        var start = 0

        var count: Int { times.count - start }

        mutating func append(_ p: CounterPoint) {
            if let t = times.last, p.time <= t { return }  // the same exposed second again, or out of order
            var correction = (corrected.last ?? 0) - (values.last ?? 0)
            if count > 0 && p.isReset(after: CounterPoint(time: times.last!, value: values.last!, created: lastCreated)) {
                correction += values.last!
            }
            times.append(p.time)
            values.append(p.value)
            corrected.append(p.value + correction)
            lastCreated = p.created
        }

        mutating func drop(before cutoff: Double) {
            while start < times.count && times[start] < cutoff { start += 1 }
            if start > 32 && start * 2 > times.count {
                times.removeFirst(start); values.removeFirst(start); corrected.removeFirst(start)
                start = 0
            }
        }

        /// PromQL's extrapolated rate of the points within [rangeStart, rangeEnd].
        func rate(rangeStart: Double, rangeEnd: Double) -> Double? {
            var first = start
            while first < times.count && times[first] < rangeStart { first += 1 }
            var last = times.count - 1
            while last >= first && times[last] > rangeEnd { last -= 1 }
            guard last > first else { return nil }
            let increase = CounterRate.extrapolate(corrected[last] - corrected[first],
                                                   first: CounterPoint(time: times[first], value: values[first]),
                                                   last: CounterPoint(time: times[last], value: values[last]),
                                                   pointCount: last - first + 1, rangeStart: rangeStart, rangeEnd: rangeEnd)
            return increase.map { $0 / (rangeEnd - rangeStart) }
        }
    }

    /// Seconds of points kept (PromQL's range); `.infinity` keeps every point (a snapshot).
    public let window: Double
    private var slots: [SeriesKey: Int] = [:]
    private var keys: [SeriesKey] = []
    private var series: [Series] = []
    /// The slot of each counter of the previous scrape, in its order: a page lists its series
    /// in the same order every time, so most lookups are one comparison of interned strings.
    private var lastOrder: [Int] = []
    /// The newest point's time over all series.
    public private(set) var latest: Double?
    private var earliest: Double?

    public init(window: Double) { self.window = window }

    public mutating func add(_ digest: ScrapeDigest) {
        var order: [Int] = []
        order.reserveCapacity(digest.requests.count + digest.buckets.count)
        for r in digest.requests {
            let slot = slot(SeriesKey(labels: r.counter.series, bound: nil), position: order.count, serverError: r.serverError)
            series[slot].append(r.counter.point)
            order.append(slot)
            note(r.counter.point.time)
        }
        for b in digest.buckets {
            let slot = slot(SeriesKey(labels: b.counter.series, bound: b.upperBound), position: order.count, serverError: false)
            series[slot].append(b.counter.point)
            order.append(slot)
            note(b.counter.point.time)
        }
        lastOrder = order
        guard let latest, window.isFinite else { return }
        let cutoff = latest - window
        var emptied = false
        for i in series.indices {
            series[i].drop(before: cutoff)
            if series[i].count == 0 { emptied = true }
        }
        if emptied { forgetEmptySeries() }
    }

    private mutating func slot(_ key: SeriesKey, position: Int, serverError: Bool) -> Int {
        if position < lastOrder.count, keys[lastOrder[position]] == key { return lastOrder[position] }
        if let s = slots[key] { return s }
        slots[key] = series.count
        keys.append(key)
        series.append(Series(serverError: serverError))
        return series.count - 1
    }

    /// Series that left the page and the window.
    private mutating func forgetEmptySeries() {
        let kept = series.indices.filter { series[$0].count > 0 }
        series = kept.map { series[$0] }
        keys = kept.map { keys[$0] }
        slots = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
        lastOrder = []
    }

    private mutating func note(_ t: Double) {
        latest = max(latest ?? t, t)
        earliest = min(earliest ?? t, t)
    }

    /// The range the figures cover: the window ending at the newest point, or (`span`) all
    /// points kept. Nil before two points.
    public func range(_ kind: RateRange) -> (start: Double, end: Double)? {
        guard let latest, let earliest, latest > earliest else { return nil }
        switch kind {
        case .span: return (max(earliest, window.isFinite ? latest - window : earliest), latest)
        case .window(let w): return (latest - w, latest)
        }
    }

    /// Per-series rates summed (PromQL `sum(rate(...))`); nil when no series has two points.
    public func figures(_ kind: RateRange) -> TrafficFigures? {
        guard let r = range(kind) else { return nil }
        var figures = TrafficFigures()
        var any = false
        for (key, s) in zip(keys, series) {
            guard let rate = s.rate(rangeStart: r.start, rangeEnd: r.end) else { continue }
            any = true
            if let bound = key.bound {
                figures.bucketRates[bound, default: 0] += rate
            } else {
                figures.requestRate += rate
                if s.serverError { figures.errorRate += rate }
            }
        }
        return any ? figures : nil
    }

    /// Series held (for the memory budget).
    public var seriesCount: Int { series.count }
}

/// Which range a rate covers. The dashboard follows PromQL (`rate(x[window])` evaluated at the
/// newest point); a headless snapshot uses exactly the span between its polls.
public enum RateRange: Sendable, Hashable {
    case window(Double)
    case span
}
