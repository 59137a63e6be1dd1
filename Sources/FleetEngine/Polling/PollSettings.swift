import Monitoring

/// How often and how carefully to poll.
public struct PollSettings: Sendable, Hashable, Codable {
    public var intervals = ProbeIntervalsSetting()
    public var connectTimeout = 2.0
    public var readTimeout = 5.0
    public var concurrency = 64
    public var maxResponseBytes = 16 * 1024 * 1024
    public var maxRedirects = 3
    /// Each interval varies by up to this fraction, so targets do not poll in lockstep.
    public var jitter = 0.1
    /// The range of rates and quantiles (PromQL's `[window]`).
    public var rateWindow = 60.0
    /// The longest wait between attempts at a failing target.
    public var maxBackoff = 60.0
    /// Failures in a row that open a target's breaker.
    public var breakerThreshold = 3

    public init() {}
}

/// Poll intervals in seconds (0 = off); kept apart from Monitoring's so the defaults live in
/// one place (Monitoring.ProbeIntervals).
public typealias ProbeIntervalsSetting = ProbeIntervals
