/// One circuit breaker's state from one scrape, with its failure rate when known.
public struct BreakerReading: Sendable, Hashable, Codable {
    public var name: String
    public var state: BreakerState
    /// Percent; nil while the breaker has too few calls (resilience4j reports -1).
    public var failureRate: Double?

    public init(name: String, state: BreakerState, failureRate: Double? = nil) {
        self.name = name
        self.state = state
        self.failureRate = failureRate
    }
}

extension BreakerReading {
    /// Breakers from one-hot state gauges (`{name, state}`, 1 for the current state; PROTOCOLS.md
    /// §3.1: the value is not the state's number) or from a numeric state gauge with the given
    /// mapping. A breaker whose one-hot series have no 1 (or several) is left out.
    public static func readings(from samples: [MetricSample], names: MetricNames) -> [BreakerReading] {
        var current: [String: [BreakerState]] = [:]
        var order: [String] = []
        var failureRates: [String: Double] = [:]
        for s in samples {
            if names.breakerStateGauges.contains(s.name), let stateLabel = s.label("state") {
                let breaker = breakerName(s)
                if current[breaker] == nil { current[breaker] = []; order.append(breaker) }
                if s.value == 1, let state = BreakerState(spelling: stateLabel) { current[breaker]!.append(state) }
            } else if s.name == names.breakerNumericGauge {
                let breaker = breakerName(s)
                if current[breaker] == nil { current[breaker] = []; order.append(breaker) }
                if let state = names.breakerNumericStates[s.value] { current[breaker]!.append(state) }
            } else if s.name == names.breakerFailureRate, s.value >= 0, s.value.isFinite {
                failureRates[breakerName(s)] = s.value
            }
        }
        return order.compactMap { name in
            guard let states = current[name], states.count == 1 else { return nil }
            return BreakerReading(name: name, state: states[0], failureRate: failureRates[name])
        }
    }

    /// resilience4j's `name`; otherwise the other labels' values (`upstream`, `breaker`, …).
    private static func breakerName(_ s: MetricSample) -> String {
        if let n = s.label("name") { return n }
        let rest = s.labels.filter { $0.name != "state" && $0.name != "kind" }.map(\.value)
        return rest.isEmpty ? s.name : rest.joined(separator: "/")
    }
}
