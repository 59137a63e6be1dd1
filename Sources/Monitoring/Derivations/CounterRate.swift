/// Counter increase and rate exactly as PromQL's `increase`/`rate` compute them
/// (promql/functions.go `extrapolatedRate`, Prometheus 2.x): resets are corrected by adding the
/// value before the drop; the result is extrapolated towards the range boundaries when the
/// first or last sample lies within 1.1 average intervals of them, never below a zero start.
public enum CounterRate {
    /// The raw increase between the first and last point, with resets corrected.
    /// `points` must be in time order. Nil with fewer than two points.
    public static func rawIncrease(_ points: [CounterPoint]) -> Double? {
        guard points.count >= 2 else { return nil }
        var total = points[points.count - 1].value - points[0].value
        for i in 1..<points.count where points[i].isReset(after: points[i - 1]) {
            // After a reset the counter restarted from zero, so this step's increase is the new
            // value, not the difference: add back what the old life had counted. This holds for
            // a `_created` change whose value did not drop too.
            total += points[i - 1].value
        }
        return total
    }

    /// PromQL `rate(x[range])` evaluated at `rangeEnd`, with points inside [rangeStart, rangeEnd].
    /// Nil with fewer than two points (PromQL returns no value).
    public static func rate(_ points: [CounterPoint], rangeStart: Double, rangeEnd: Double) -> Double? {
        guard let increase = extrapolatedIncrease(points, rangeStart: rangeStart, rangeEnd: rangeEnd) else { return nil }
        return increase / (rangeEnd - rangeStart)
    }

    /// PromQL `increase(x[range])` evaluated at `rangeEnd`.
    public static func extrapolatedIncrease(_ points: [CounterPoint], rangeStart: Double, rangeEnd: Double) -> Double? {
        guard let raw = rawIncrease(points) else { return nil }
        return extrapolate(raw, first: points[0], last: points[points.count - 1], pointCount: points.count,
                           rangeStart: rangeStart, rangeEnd: rangeEnd)
    }

    /// Extends a raw increase between `first` and `last` to the range's edges (promql
    /// `extrapolatedRate`): by the gap to an edge when it is under 1.1 average intervals, else
    /// by half an interval, and never back past the time the counter was zero.
    public static func extrapolate(_ raw: Double, first: CounterPoint, last: CounterPoint, pointCount: Int,
                                   rangeStart: Double, rangeEnd: Double) -> Double? {
        guard rangeEnd > rangeStart, pointCount >= 2 else { return nil }
        let sampled = last.time - first.time
        guard sampled > 0 else { return nil }
        let averageGap = sampled / Double(pointCount - 1)
        let threshold = averageGap * 1.1
        var toStart = first.time - rangeStart
        var toEnd = rangeEnd - last.time
        if toStart >= threshold { toStart = averageGap / 2 }
        if raw > 0 && first.value >= 0 {
            let toZero = sampled * (first.value / raw)
            if toZero < toStart { toStart = toZero }
        }
        if toEnd >= threshold { toEnd = averageGap / 2 }
        return raw * (sampled + toStart + toEnd) / sampled
    }
}
