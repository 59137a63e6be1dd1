import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

@Suite(.lane(.compute)) struct MetricGroupsTests {
    @Test func bucketsAreGroupedSortedAndComparedAsNumbers() {
        let page = ExpositionParser().parse(Array("""
            # TYPE lat histogram
            lat_bucket{route="/a",le="+Inf"} 10
            lat_bucket{route="/a",le="1e+00"} 7
            lat_bucket{route="/a",le="0.5"} 3
            lat_bucket{route="/b",le="1"} 1
            lat_sum{route="/a"} 6.5
            lat_count{route="/a"} 10
            lat_bucket{route="/a",le="1.0"} 99

            """.utf8))
        let groups = MetricGroups.histograms(in: page)
        #expect(groups.count == 2)
        let a = groups[0]
        #expect(a.labels == [Label("route", "/a")])
        // le="1.0" is the same bucket as le="1e+00": the first one seen wins.
        #expect(a.buckets.map(\.upperBound) == [0.5, 1, .infinity])
        #expect(a.buckets.map(\.cumulativeCount) == [3, 7, 10])
        #expect(a.sum == 6.5 && a.count == 10)
        #expect(a.hasInfiniteBucket)
        #expect(!groups[1].hasInfiniteBucket)
    }

    @Test func summariesWithNaNQuantiles() {
        let page = ExpositionParser().parse(Array("""
            # TYPE rpc summary
            rpc{quantile="0.99"} NaN
            rpc{quantile="0.5"} 0.2
            rpc_sum 12
            rpc_count 40

            """.utf8))
        let s = MetricGroups.summaries(in: page)
        #expect(s.count == 1)
        #expect(s[0].quantiles.map(\.quantile) == [0.5, 0.99])
        #expect(s[0].quantiles[1].value.isNaN)
        #expect(s[0].count == 40)
    }

    @Test(.enabled(if: SharedCorpus.shouldRun)) func realCapturesGroup() throws {
        let page = ExpositionParser().parse(try SharedCorpus.bytes("prometheus-selfmetrics.alltypes.237mfs.prom.txt"))
        let histograms = MetricGroups.histograms(in: page)
        #expect(!histograms.isEmpty)
        #expect(histograms.allSatisfy { $0.hasInfiniteBucket && $0.count == $0.buckets.last?.cumulativeCount })
        #expect(!MetricGroups.summaries(in: page).isEmpty)
    }
}
