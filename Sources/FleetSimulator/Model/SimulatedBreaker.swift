import Monitoring

/// A circuit breaker that follows resilience4j's state machine (PROTOCOLS.md §3.1): a count-based
/// sliding window of call outcomes; CLOSED opens when the failure rate reaches the threshold with
/// at least `minimumCalls` recorded; OPEN rejects calls for `waitInOpen` seconds, then lets
/// `permittedInHalfOpen` probe calls through; HALF_OPEN closes if their failure rate is below the
/// threshold and opens again otherwise. The failure rate is -1 until the window holds enough calls,
/// as resilience4j reports it.
public struct SimulatedBreaker: Sendable, Hashable {
    public struct Config: Sendable, Hashable {
        public var failureRateThreshold: Double = 50
        public var windowSize: Int = 100
        public var minimumCalls: Int = 20
        public var waitInOpen: Double = 30
        public var permittedInHalfOpen: Int = 10

        public init() {}
    }

    public struct Transition: Sendable, Hashable {
        public var time: Double
        public var from: BreakerState
        public var to: BreakerState
    }

    public let name: String
    public let config: Config
    public private(set) var state: BreakerState = .closed
    public private(set) var stateSince: Double
    public private(set) var notPermittedCalls: Int = 0
    public private(set) var transitions: [Transition] = []
    private var window: [Bool] = []  // true = failed
    private var windowStart = 0
    private var probes: [Bool] = []

    public init(name: String, config: Config = Config(), now: Double = 0) {
        self.name = name
        self.config = config
        self.stateSince = now
    }

    /// Percent of failed calls in the window, or -1 until it holds `minimumCalls`.
    public var failureRate: Double {
        let outcomes = state == .halfOpen ? probes : window
        let needed = state == .halfOpen ? config.permittedInHalfOpen : config.minimumCalls
        guard outcomes.count >= needed, !outcomes.isEmpty else { return -1 }
        return Double(outcomes.filter { $0 }.count) / Double(outcomes.count) * 100
    }

    /// Offers `calls` calls at `now`, of which the first `failures` (spread evenly) would fail if
    /// let through. Returns how many were let through and how many of those failed.
    public mutating func offer(calls: Int, failures: Int, now: Double) -> (permitted: Int, failed: Int) {
        var permitted = 0, failed = 0
        guard calls > 0 else {
            advanceTime(now)
            return (0, 0)
        }
        for i in 0..<calls {
            advanceTime(now)
            // Spread the failures evenly through the calls (Bresenham), deterministically.
            let fails = (i + 1) * failures / calls > i * failures / calls
            switch state {
            case .open, .forcedOpen:
                notPermittedCalls += 1
            case .halfOpen:
                guard probes.count < config.permittedInHalfOpen else { notPermittedCalls += 1; continue }
                permitted += 1
                if fails { failed += 1 }
                probes.append(fails)
                if probes.count == config.permittedInHalfOpen {
                    transition(to: failureRate >= config.failureRateThreshold ? .open : .closed, now)
                }
            case .closed, .disabled, .metricsOnly:
                permitted += 1
                if fails { failed += 1 }
                record(fails)
                if state == .closed, window.count >= config.minimumCalls, failureRate >= config.failureRateThreshold {
                    transition(to: .open, now)
                }
            }
        }
        return (permitted, failed)
    }

    /// OPEN moves to HALF_OPEN once the wait is over (automatic transition enabled, so the
    /// dashboard sees it even without traffic).
    public mutating func advanceTime(_ now: Double) {
        if state == .open, now - stateSince >= config.waitInOpen { transition(to: .halfOpen, now) }
    }

    private mutating func record(_ failed: Bool) {
        if window.count < config.windowSize {
            window.append(failed)
        } else {
            window[windowStart] = failed
            windowStart = (windowStart + 1) % config.windowSize
        }
    }

    private mutating func transition(to next: BreakerState, _ now: Double) {
        transitions.append(Transition(time: now, from: state, to: next))
        if transitions.count > 50 { transitions.removeFirst(transitions.count - 50) }
        state = next
        stateSince = now
        probes.removeAll()
        if next == .closed || next == .open {
            window.removeAll()
            windowStart = 0
        }
    }
}
