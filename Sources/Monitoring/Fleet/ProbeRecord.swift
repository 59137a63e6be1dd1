/// The history of one probe of one instance that matters for judging it: when it last
/// succeeded, the last error and when, and how many failures in a row.
public struct ProbeRecord: Sendable, Hashable {
    public var lastSuccess: Double?
    public var lastAttempt: Double?
    public var lastError: String?
    public var lastErrorAt: Double?
    public var consecutiveFailures = 0

    public init() {}

    public mutating func succeeded(at time: Double) {
        lastSuccess = time
        lastAttempt = time
        consecutiveFailures = 0
        lastError = nil
    }

    public mutating func failed(_ error: String, at time: Double) {
        lastAttempt = time
        lastError = error
        lastErrorAt = time
        consecutiveFailures += 1
    }

    /// Seconds since the last good result; nil if there never was one.
    public func age(at now: Double) -> Double? { lastSuccess.map { max(0, now - $0) } }

    /// Stale: no good result for three intervals (or never, once an attempt was made).
    public func isStale(at now: Double, interval: Double) -> Bool {
        guard let age = age(at: now) else { return lastAttempt != nil }
        return age > 3 * interval
    }
}
