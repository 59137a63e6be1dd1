/// One derived series over time in up to two tiers of bounded size: every point for the recent
/// span (default one hour at poll resolution), and, when a long span is asked for, one mean per
/// minute over it (none by default: no view shows one yet). NaN and missing values are not
/// stored (a gap stays a gap). Each tier's buffer grows as points arrive, up to its capacity.
public struct SeriesHistory: Sendable {
    public private(set) var recent: HistoryRing
    /// Minute means; nil when `longSpan` is 0 (no long tier).
    public private(set) var minutes: HistoryRing?
    private var minute: (index: Int, sum: Double, count: Int)?

    public init(recentSpan: Double = 3600, resolution: Double, longSpan: Double = 0, epoch: Double) {
        recent = HistoryRing(capacity: Int((recentSpan / max(0.1, resolution)).rounded(.up)), epoch: epoch)
        minutes = longSpan > 0 ? HistoryRing(capacity: Int((longSpan / 60).rounded(.up)), epoch: epoch) : nil
    }

    public mutating func append(time: Double, value: Double?) {
        guard let value, value.isFinite else { return }
        recent.append(time: time, value: value)
        guard minutes != nil else { return }
        let index = Int((time / 60).rounded(.down))
        if let m = minute, m.index != index {
            minutes?.append(time: Double(m.index) * 60, value: m.sum / Double(m.count))
            minute = nil
        }
        minute = (index, (minute?.sum ?? 0) + value, (minute?.count ?? 0) + 1)
    }

    /// Bytes the tiers' buffers hold now.
    public var memoryBytes: Int { recent.memoryBytes + (minutes?.memoryBytes ?? 0) }

    /// Bytes once both tiers are full (after the long span): the most this series holds.
    public var capacityBytes: Int { recent.capacityBytes + (minutes?.capacityBytes ?? 0) }
}
