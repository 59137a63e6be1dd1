import Monitoring

/// One chute's traffic over one minute, as persisted beside the timeline so a handoff can
/// chart a span after the fact: the means of the request rate and the 5xx ratio over the
/// judgements of that minute (nil: none of them knew it).
public struct ChuteMinute: Sendable, Hashable, Codable {
    public var chute: String
    /// The minute's start, seconds since the epoch (a multiple of 60).
    public var minute: Double
    public var requestRate: Double?
    public var errorRatio: Double?

    public init(chute: String, minute: Double, requestRate: Double?, errorRatio: Double?) {
        self.chute = chute
        self.minute = minute
        self.requestRate = requestRate
        self.errorRatio = errorRatio
    }

    // Compact keys: one line per chute a minute.
    enum CodingKeys: String, CodingKey {
        case chute = "c", minute = "t", requestRate = "r", errorRatio = "e"
    }
}

/// Folds judgements into `ChuteMinute`s: each picture adds to its minute; a picture of a later
/// minute closes the minutes before it, which `add` returns.
public struct MinuteSummaries: Sendable {
    private struct Sums: Sendable {
        var rate = 0.0, rates = 0, errors = 0.0, errorCount = 0
    }

    private var minute: Double?
    private var sums: [String: Sums] = [:]

    public init() {}

    public mutating func add(_ picture: FleetPicture) -> [ChuteMinute] {
        let m = (picture.time / 60).rounded(.down) * 60
        var closed: [ChuteMinute] = []
        if let current = minute, m > current { closed = close() }
        if minute == nil || m > minute! { minute = m }
        // A picture of an earlier minute (the clock stepped back) counts in the current one.
        for c in picture.chutes {
            var s = sums[c.name] ?? Sums()
            if let r = c.requestRate.value, r.isFinite { s.rate += r; s.rates += 1 }
            if let e = c.errorRatio.value, e.isFinite { s.errors += e; s.errorCount += 1 }
            sums[c.name] = s
        }
        return closed
    }

    /// The minute being summed, closed now (when the session ends).
    public mutating func close() -> [ChuteMinute] {
        guard let minute else { return [] }
        defer { sums.removeAll(keepingCapacity: true) }
        return sums.keys.sorted().map { name in
            let s = sums[name]!
            return ChuteMinute(chute: name, minute: minute, requestRate: s.rates > 0 ? s.rate / Double(s.rates) : nil,
                               errorRatio: s.errorCount > 0 ? s.errors / Double(s.errorCount) : nil)
        }
    }
}
