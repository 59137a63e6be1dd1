import TestLanes
import Testing
@testable import Monitoring

@Suite(.lane(.compute)) struct HealthStatusTests {
    @Test(arguments: [
        ("ok", HealthStatus.pass), ("UP", .pass), ("ready", .pass), ("Healthy", .pass), ("serving", .pass),
        ("warn", .warn), ("degraded", .warn),
        ("fail", .fail), ("DOWN", .fail), ("error", .fail), ("not_ready", .fail), ("unhealthy", .fail), ("OUT_OF_SERVICE", .fail),
        ("banana", .unknown),
    ])
    func classifiesWords(word: String, expected: HealthStatus) {
        #expect(HealthStatus(word: word) == expected)
    }

    @Test func theWorseVerdictWins() {
        #expect(HealthStatus.pass.worse(.fail) == .fail)
        #expect(HealthStatus.warn.worse(.pass) == .warn)
        #expect(HealthStatus.unknown.worse(.warn) == .unknown)
    }
}

@Suite(.lane(.compute)) struct BreakerStateTests {
    @Test(arguments: ["half_open", "half-open", "halfOpen", "HalfOpen", "HALF_OPEN"])
    func normalisesHalfOpenSpellings(spelling: String) {
        #expect(BreakerState(spelling: spelling) == .halfOpen)
    }

    @Test func otherStates() {
        #expect(BreakerState(spelling: "CLOSED") == .closed)
        #expect(BreakerState(spelling: "forced_open") == .forcedOpen)
        #expect(BreakerState(spelling: "Isolated") == .forcedOpen)
        #expect(BreakerState(spelling: "metrics_only") == .metricsOnly)
        #expect(BreakerState(spelling: "sideways") == nil)
        #expect(BreakerState.open.rejectsCalls)
        #expect(!BreakerState.halfOpen.rejectsCalls)
    }
}
