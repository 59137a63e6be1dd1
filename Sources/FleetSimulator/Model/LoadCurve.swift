import Glibc

/// Request demand over simulated time: a daily curve (quietest around 04:00, busiest around
/// 16:00 UTC) plus short deterministic bursts, scaled by a chute's peak rate.
public struct LoadCurve: Sendable, Hashable {
    public var peakRequestsPerSecond: Double
    /// Seconds between bursts, and how long and how strong each is.
    public var burstEvery: Double
    public var burstLength: Double
    public var burstFactor: Double
    /// Shifts this chute's bursts so the fleet's do not line up.
    public var phase: Double

    public init(peakRequestsPerSecond: Double, burstEvery: Double = 1800, burstLength: Double = 90,
                burstFactor: Double = 1.6, phase: Double = 0) {
        self.peakRequestsPerSecond = peakRequestsPerSecond
        self.burstEvery = burstEvery
        self.burstLength = burstLength
        self.burstFactor = burstFactor
        self.phase = phase
    }

    /// The fraction of the daily peak at `time` (seconds since the epoch, UTC): 0.3 ... 1.
    public static func daily(_ time: Double) -> Double {
        let dayFraction = (time.truncatingRemainder(dividingBy: 86_400) + 86_400).truncatingRemainder(dividingBy: 86_400) / 86_400
        return 0.65 + 0.35 * sin(2 * Double.pi * (dayFraction - 10.0 / 24))
    }

    public func isBursting(at time: Double) -> Bool {
        guard burstEvery > 0 else { return false }
        let t = (time + phase).truncatingRemainder(dividingBy: burstEvery)
        return t >= 0 && t < burstLength
    }

    /// Requests per second wanted at `time` (`bursts: false` for a steady scenario).
    public func demand(at time: Double, bursts: Bool = true) -> Double {
        peakRequestsPerSecond * LoadCurve.daily(time) * (bursts && isBursting(at: time) ? burstFactor : 1)
    }
}
