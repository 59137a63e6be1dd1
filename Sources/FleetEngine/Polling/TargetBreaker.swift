import Monitoring

/// chutetop's own circuit breaker for one poll target: after `threshold` failures in a row it
/// opens and the target is tried only after an exponentially growing, jittered wait (capped);
/// the try is the half-open probe: success closes it, failure opens it again for longer.
public struct TargetBreaker: Sendable, Hashable {
    /// closed, open or half_open (the states chutes' own breakers use too).
    public private(set) var state = BreakerState.closed
    public private(set) var consecutiveFailures = 0

    public init() {}

    /// The wait before the next attempt after a failure: interval x 2^(failures-1), capped at
    /// `maxBackoff`, scaled by `unit` in [0.5, 1) ("equal jitter").
    public static func backoff(failures: Int, interval: Double, maxBackoff: Double, unit: Double) -> Double {
        let exponent = Double(min(30, max(0, failures - 1)))
        let wait = min(maxBackoff, max(interval, 0.1) * pow2(exponent))
        return wait * (0.5 + 0.5 * min(max(unit, 0), 1))
    }

    private static func pow2(_ e: Double) -> Double {
        var v = 1.0
        for _ in 0..<Int(e) { v *= 2 }
        return v
    }

    /// An attempt starts: an open breaker lets it through as its half-open probe.
    public mutating func attempting() {
        if state == .open { state = .halfOpen }
    }

    public mutating func succeeded() {
        state = .closed
        consecutiveFailures = 0
    }

    public mutating func failed(threshold: Int) {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold { state = .open }
    }
}
