/// The Chutes platform's utilisation of a chute: mean in-flight requests over the chute's
/// `concurrency`, averaged by the platform (CHUTES-PLATFORM.md §4.1). It is request
/// concurrency, not GPU: views call it "busy (concurrency)" and never show it as GPU
/// utilisation. Each figure is a fraction (0-1), nil where the platform gave none.
public struct ConcurrencyBusy: Sendable, Hashable, Codable {
    public var current: Double?
    public var fiveMinutes: Double?
    public var fifteenMinutes: Double?
    public var hour: Double?
    /// Requests the platform turned away (429) over all requests, last 5 minutes.
    public var rateLimitedRatio: Double?
    /// When the platform computed the row (its `timestamp`; the autoscaler writes it, up to
    /// about 30 minutes apart), seconds since the epoch; nil when it did not say.
    public var measuredAt: Double?
    /// Set when pictured: seconds since `measuredAt` (or since the reading, when it is nil).
    public var ageSeconds: Double?

    public init(current: Double? = nil, fiveMinutes: Double? = nil, fifteenMinutes: Double? = nil, hour: Double? = nil,
                rateLimitedRatio: Double? = nil, measuredAt: Double? = nil, ageSeconds: Double? = nil) {
        (self.current, self.fiveMinutes, self.fifteenMinutes, self.hour) = (current, fiveMinutes, fifteenMinutes, hour)
        (self.rateLimitedRatio, self.measuredAt, self.ageSeconds) = (rateLimitedRatio, measuredAt, ageSeconds)
    }

    /// The newest figure the platform gave: now, else the 5-minute, 15-minute or hour mean.
    public var latest: Double? { current ?? fiveMinutes ?? fifteenMinutes ?? hour }
}
