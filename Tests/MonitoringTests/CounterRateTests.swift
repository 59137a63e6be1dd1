import TestLanes
import Testing
@testable import Monitoring

/// Counter increase and rate, hand-computed against PromQL's extrapolatedRate.
@Suite(.lane(.compute)) struct CounterRateTests {
    func p(_ t: Double, _ v: Double, created: Double? = nil) -> CounterPoint { CounterPoint(time: t, value: v, created: created) }

    @Test func increaseWithoutResets() {
        #expect(CounterRate.rawIncrease([p(0, 10), p(5, 15), p(10, 30)]) == 20)
        #expect(CounterRate.rawIncrease([p(0, 10)]) == nil)
    }

    @Test func aDropIsAResetAndTheValueBeforeItIsAddedBack() {
        // 10 -> 40 (+30), reset, 0 -> 5 (+5 counted from zero), 5 -> 12 (+7): 42
        #expect(CounterRate.rawIncrease([p(0, 10), p(5, 40), p(10, 5), p(15, 12)]) == 42)
    }

    @Test func aCreatedChangeIsAResetEvenWhenTheValueDidNotDrop() {
        // The process restarted and counted 50 since zero: the step is +50, not +10.
        let points = [p(0, 40, created: 100), p(5, 50, created: 200)]
        #expect(CounterRate.rawIncrease(points) == 50)
        #expect(CounterRate.rawIncrease([p(0, 40, created: 100), p(5, 50, created: 100)]) == 10)
    }

    @Test func rateOverTheExactSpanIsTheDifferenceOverTime() {
        let r = CounterRate.rate([p(100, 1000), p(105, 1050)], rangeStart: 100, rangeEnd: 105)
        #expect(r == 10)
    }

    @Test func extrapolatesToTheRangeEdgesLikePromQL() {
        // Range [0, 60], samples at 5...55 every 10 s, +10 each: raw 50 over 50 s. Both edges are
        // 5 s away (< 1.1 x 10), so extrapolate fully: 50 x 60 / 50 = 60 -> rate 1.
        let points = stride(from: 5.0, through: 55, by: 10).map { p($0, 1000 + ($0 - 5)) }
        #expect(abs(CounterRate.rate(points, rangeStart: 0, rangeEnd: 60)! - 1) < 1e-12)
        // Range [0, 120]: the start is 5 s away (extrapolate 5), the end 65 s (> 11: only half an
        // interval, 5): 50 x (50 + 5 + 5) / 50 = 60 over 120 s.
        #expect(abs(CounterRate.rate(points, rangeStart: 0, rangeEnd: 120)! - 0.5) < 1e-12)
    }

    @Test func neverExtrapolatesBelowZero() {
        // A counter born at t=8 with value 2 at t=10: +20 by t=30. Start gap 10 < 11 would extend
        // by 10, but the counter was zero 2 / (20/20) = 2 s before the first point.
        let r = CounterRate.extrapolatedIncrease([p(10, 2), p(20, 12), p(30, 22)], rangeStart: 0, rangeEnd: 30)!
        #expect(abs(r - 20 * (20 + 2) / 20) < 1e-12)
    }

    @Test func noRateFromOnePointOrAnEmptyRange() {
        #expect(CounterRate.rate([p(0, 1)], rangeStart: 0, rangeEnd: 10) == nil)
        #expect(CounterRate.rate([p(0, 1), p(0, 2)], rangeStart: 0, rangeEnd: 10) == nil)
        #expect(CounterRate.rate([p(0, 1), p(5, 2)], rangeStart: 10, rangeEnd: 10) == nil)
    }
}
