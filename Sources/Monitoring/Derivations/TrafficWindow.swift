/// The request and latency-bucket counters of one instance over the rate window, kept per
/// series so each `rate` is PromQL's on that series' own points. Adding a scrape and computing
/// the figures cost time in proportion to the series count, not the window length: each point
/// stores its reset-corrected value, so an increase is one subtraction.
public struct TrafficWindow: Sendable {
    struct SeriesKey: Hashable {
        var labels: [Label]
        /// nil for a request counter; the bucket's upper bound otherwise.
        var bound: Double?
        /// The engine series it is, if not a request or latency-bucket counter.
        var signal: EngineSignal?
    }

    /// One counter series' points within the window, in a ring that grows only when full (so
    /// it settles at the window's point count): time, reset-corrected value (differences are
    /// increases) and the raw value (as Float: only the zero-clamp of extrapolation reads it).
    struct Series {
        var serverError: Bool
        private var times = [Double](repeating: 0, count: 4)
        private var corrected = [Double](repeating: 0, count: 4)
        private var values = [Float](repeating: 0, count: 4)
        private var head = 0
        private(set) var count = 0
        private var last: CounterPoint?
        private var lastCorrected = 0.0

        init(serverError: Bool) { self.serverError = serverError }

        private func index(_ k: Int) -> Int { (head + k) & (times.count - 1) }

        mutating func append(_ p: CounterPoint) {
            if let l = last, p.time <= l.time { return }  // the same exposed second again, or out of order
            var correction = lastCorrected - (last?.value ?? 0)
            if let l = last, p.isReset(after: l) { correction += l.value }
            if count == times.count { grow() }
            let i = index(count)
            times[i] = p.time
            corrected[i] = p.value + correction
            values[i] = Float(p.value)
            count += 1
            last = p
            lastCorrected = p.value + correction
        }

        private mutating func grow() {
            let order = (0..<count).map(index)
            times = order.map { times[$0] } + [Double](repeating: 0, count: count)
            corrected = order.map { corrected[$0] } + [Double](repeating: 0, count: count)
            values = order.map { values[$0] } + [Float](repeating: 0, count: count)
            head = 0
        }

        mutating func drop(before cutoff: Double) {
            while count > 0 && times[head] < cutoff {
                head = (head + 1) & (times.count - 1)
                count -= 1
            }
        }

        /// PromQL's extrapolated rate of the points within [rangeStart, rangeEnd].
        func rate(rangeStart: Double, rangeEnd: Double) -> Double? {
            var first = 0
            while first < count && times[index(first)] < rangeStart { first += 1 }
            var last = count - 1
            while last >= first && times[index(last)] > rangeEnd { last -= 1 }
            guard last > first else { return nil }
            let f = index(first), l = index(last)
            let increase = CounterRate.extrapolate(corrected[l] - corrected[f],
                                                   first: CounterPoint(time: times[f], value: Double(values[f])),
                                                   last: CounterPoint(time: times[l], value: Double(values[l])),
                                                   pointCount: last - first + 1, rangeStart: rangeStart, rangeEnd: rangeEnd)
            return increase.map { $0 / (rangeEnd - rangeStart) }
        }

        /// Bytes held by the ring.
        var memoryBytes: Int { times.count * 20 }
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
        for e in digest.engine?.counters ?? [] {
            let slot = slot(SeriesKey(labels: e.counter.series, bound: e.upperBound, signal: e.signal), position: order.count, serverError: false)
            series[slot].append(e.counter.point)
            order.append(slot)
            note(e.counter.point.time)
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
    /// points kept. Nil before two points. While fewer seconds have been seen than the window
    /// holds, the window starts at the first point: the rate is over the seconds there are
    /// (exact, not extrapolated to seconds never seen, which understated it by the missing
    /// fraction), and `isPartial` says so. Once the window is full it is PromQL's range.
    public func range(_ kind: RateRange) -> (start: Double, end: Double)? {
        guard let latest, let earliest, latest > earliest else { return nil }
        switch kind {
        case .span: return (max(earliest, window.isFinite ? latest - window : earliest), latest)
        case .window(let w): return (max(earliest, latest - w), latest)
        }
    }

    /// Whether the figures of `kind` cover less than their window (chutetop has not watched
    /// this instance for a whole window yet). A snapshot's span is always whole.
    public func isPartial(_ kind: RateRange) -> Bool {
        guard case .window(let w) = kind, let latest, let earliest else { return false }
        return earliest > latest - w
    }

    /// Per-series rates summed (PromQL `sum(rate(...))`); nil when no series has two points.
    public func figures(_ kind: RateRange) -> TrafficFigures? {
        guard let r = range(kind) else { return nil }
        var figures = TrafficFigures()
        var any = false
        for (key, s) in zip(keys, series) {
            guard let rate = s.rate(rangeStart: r.start, rangeEnd: r.end) else { continue }
            any = true
            if let signal = key.signal {
                if let bound = key.bound {
                    figures.engineBuckets[signal, default: [:]][bound, default: 0] += rate
                } else {
                    figures.engineRates[signal, default: 0] += rate
                }
            } else if let bound = key.bound {
                figures.bucketRates[bound, default: 0] += rate
            } else {
                figures.requestRate += rate
                if s.serverError { figures.errorRate += rate }
            }
        }
        return any ? figures : nil
    }

    /// Series held, and the bytes their points take (for the memory budget).
    public var seriesCount: Int { series.count }
    public var memoryBytes: Int { series.reduce(0) { $0 + $1.memoryBytes } }
}

/// Which range a rate covers. The dashboard follows PromQL (`rate(x[window])` evaluated at the
/// newest point); a headless snapshot uses exactly the span between its polls.
public enum RateRange: Sendable, Hashable {
    case window(Double)
    case span
}
