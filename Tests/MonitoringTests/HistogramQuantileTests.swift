import TestLanes
import Testing
@testable import Monitoring

/// Hand-computed cases of PromQL's histogram_quantile.
@Suite(.lane(.compute)) struct HistogramQuantileTests {
    let buckets: [(upperBound: Double, count: Double)] = [(0.1, 10), (0.5, 60), (1, 90), (.infinity, 100)]

    @Test func interpolatesInsideTheBucket() {
        // rank 50 falls in (0.1, 0.5]: 0.1 + 0.4 * (50 - 10) / 50 = 0.42
        #expect(abs(HistogramQuantile.quantile(0.5, buckets) - 0.42) < 1e-12)
        // rank 5 in the first bucket, lower bound 0: 0.1 * 5 / 10 = 0.05
        #expect(abs(HistogramQuantile.quantile(0.05, buckets) - 0.05) < 1e-12)
    }

    @Test func theInfBucketAnswersWithTheSecondHighestBound() {
        #expect(HistogramQuantile.quantile(0.99, buckets) == 1)
    }

    @Test func nanWithoutObservationsOrWithoutInf() {
        #expect(HistogramQuantile.quantile(0.5, [(1, 0), (.infinity, 0)]).isNaN)
        #expect(HistogramQuantile.quantile(0.5, [(0.1, 1), (1, 2)]).isNaN)
        #expect(HistogramQuantile.quantile(0.5, [(.infinity, 5)]).isNaN)
    }

    @Test func unsortedAndNonMonotonicBucketsAreFixed() {
        let messy: [(upperBound: Double, count: Double)] = [(.infinity, 100), (1, 90), (0.1, 10), (0.5, 5)]
        // 0.5 is raised to 10, so rank 50 falls in (0.5, 1]: 0.5 + 0.5 * (50 - 10) / 80 = 0.75
        #expect(abs(HistogramQuantile.quantile(0.5, messy) - 0.75) < 1e-12)
    }
}
