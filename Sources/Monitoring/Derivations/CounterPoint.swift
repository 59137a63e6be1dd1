/// One reading of one counter series: when (seconds since the epoch), its value, and its
/// `_created` time when the exposition gave one (a change means the counter was reset).
public struct CounterPoint: Sendable, Hashable, Codable {
    public var time: Double
    public var value: Double
    public var created: Double?

    public init(time: Double, value: Double, created: Double? = nil) {
        self.time = time
        self.value = value
        self.created = created
    }

    /// Whether `self` starts a new life of the counter that `previous` belonged to: the value
    /// went down, or the series says it was created anew.
    public func isReset(after previous: CounterPoint) -> Bool {
        if value < previous.value { return true }
        if let c = created, let p = previous.created, c != p { return true }
        return false
    }
}
