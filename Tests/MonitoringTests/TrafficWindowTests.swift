import TestLanes
import Testing
@testable import Monitoring

/// Rates, error ratios and quantiles of one instance's counters, per series then summed.
@Suite(.lane(.compute)) struct TrafficWindowTests {
    func digest(_ t: Double, ok: Double, failed: Double, buckets: [(String, Double)] = [], created: Double? = nil) -> ScrapeDigest {
        var samples = [
            MetricSample(name: "http_requests_total", labels: [Label("status", "200")], value: ok),
            MetricSample(name: "http_requests_total", labels: [Label("status", "503")], value: failed),
        ]
        for (le, v) in buckets {
            samples.append(MetricSample(name: "http_request_duration_seconds_bucket", labels: [Label("le", le)], value: v))
        }
        let createdStamps = created.map { c in [ExpositionPage.CreatedStamp(family: "http_requests", labels: [Label("status", "200")], created: c)] } ?? []
        return ScrapeDigest(page: ExpositionPage(format: .text, samples: samples, created: createdStamps), time: t, names: .standard)
    }

    @Test func requestAndErrorRatesAndTheirRatio() {
        var w = TrafficWindow(window: .infinity)
        w.add(digest(0, ok: 100, failed: 10))
        w.add(digest(10, ok: 190, failed: 20))
        let f = w.figures(.span)!
        #expect(f.requestRate == 10)
        #expect(f.errorRate == 1)
        #expect(f.errorRatio == 0.1)
    }

    @Test func aResetInOneSeriesDoesNotDisturbTheOther() {
        var w = TrafficWindow(window: .infinity)
        w.add(digest(0, ok: 1000, failed: 10))
        w.add(digest(10, ok: 40, failed: 20))  // 200 reset: counted 40 since zero
        let f = w.figures(.span)!
        #expect(f.requestRate == (40 + 10) / 10)
        #expect(f.errorRate == 1)
    }

    @Test func quantilesFromBucketIncreasesWithUnsortedBuckets() {
        var w = TrafficWindow(window: .infinity)
        // Exposed out of order; increases: 0.1 -> 10, 0.5 -> 60, 1 -> 90, +Inf -> 100.
        w.add(digest(0, ok: 0, failed: 0, buckets: [("1", 0), ("+Inf", 0), ("0.1", 0), ("0.5", 0)]))
        w.add(digest(10, ok: 100, failed: 0, buckets: [("0.5", 60), ("+Inf", 100), ("1", 90), ("0.1", 10)]))
        let f = w.figures(.span)!
        #expect(abs(f.latencyQuantile(0.5)! - 0.42) < 1e-12)
        #expect(f.latencyQuantile(0.99) == 1)
    }

    @Test func noQuantileWithoutAnInfBucketOrWithoutTraffic() {
        var w = TrafficWindow(window: .infinity)
        w.add(digest(0, ok: 0, failed: 0, buckets: [("0.1", 0), ("1", 0)]))
        w.add(digest(10, ok: 10, failed: 0, buckets: [("0.1", 5), ("1", 10)]))
        #expect(w.figures(.span)!.latencyQuantile(0.5) == nil)
        var idle = TrafficWindow(window: .infinity)
        idle.add(digest(0, ok: 5, failed: 0, buckets: [("1", 5), ("+Inf", 5)]))
        idle.add(digest(10, ok: 5, failed: 0, buckets: [("1", 5), ("+Inf", 5)]))
        #expect(idle.figures(.span)!.latencyQuantile(0.5) == nil)
        #expect(idle.figures(.span)!.errorRatio == nil)
    }

    @Test func theWindowForgetsOldPointsAndFollowsPromQL() {
        var w = TrafficWindow(window: 20)
        for t in stride(from: 0.0, through: 100, by: 10) { w.add(digest(t, ok: t < 50 ? t * 10 : 500 + (t - 50), failed: 0)) }
        // Last 20 s: points at 80, 90, 100, +1 per second.
        #expect(abs(w.figures(.window(20))!.requestRate - 1) < 1e-12)
    }

    /// Watching for less than the window (the first minute after start): the rate is over the
    /// seconds seen, exact, and marked partial, not PromQL's extrapolation over a window mostly
    /// empty (which read 10/s as 1.25/s 5 s after start). Ratios and quantiles likewise. Once
    /// the window is full: PromQL's range again, unmarked.
    @Test func fromTheSecondScrapeTheRateIsOverTheSecondsSeen() {
        var w = TrafficWindow(window: 60)
        w.add(digest(1000, ok: 5000, failed: 100, buckets: [("0.1", 0), ("1", 0), ("+Inf", 0)]))
        w.add(digest(1005, ok: 5045, failed: 105, buckets: [("0.1", 25), ("1", 50), ("+Inf", 50)]))
        #expect(w.isPartial(.window(60)))
        #expect(w.range(.window(60))! == (start: 1000, end: 1005))
        let f = w.figures(.window(60))!
        #expect(f.requestRate == 10)
        #expect(f.errorRatio == 0.1)
        #expect(abs(f.latencyQuantile(0.5)! - 0.1) < 1e-12)
        for t in stride(from: 1010.0, through: 1070, by: 5) { w.add(digest(t, ok: 5000 + (t - 1000) * 9, failed: 100 + (t - 1000))) }
        #expect(!w.isPartial(.window(60)))
        #expect(w.range(.window(60))! == (start: 1010, end: 1070))
        #expect(abs(w.figures(.window(60))!.requestRate - 10) < 1e-9)
    }

    /// In the picture: each instance's and the chute's figures say over how many seconds they
    /// are while the window fills (the chute's over the seconds of its instances together),
    /// and nothing once it is full; a snapshot's span is never marked.
    @Test func thePictureSaysOverHowLongWhileTheWindowFills() throws {
        var o = FleetObservations(intervals: ProbeIntervals(), rateRange: .window(60))
        o.update(FleetInventory(chutes: [.init(name: "a", instances: [.init(id: "i-1"), .init(id: "i-2")])]))
        let one = InstanceKey(chute: "a", instance: "i-1"), two = InstanceKey(chute: "a", instance: "i-2")
        for (key, start) in [(one, 1000.0), (two, 1002.0)] {
            for t in stride(from: start, through: start + 10, by: 5) {
                o.record(.scrape(digest(t, ok: t * 10, failed: 0)), kind: .metrics, for: key, at: t)
            }
        }
        var c = try #require(o.picture(at: 1012).chutes.first)
        #expect(c.requestRate.value == 20 && c.requestRate.spanSeconds == 12)
        #expect(c.errorRatio.spanSeconds == 12)
        #expect(c.instances.map(\.requestRate.spanSeconds) == [10, 10])
        for t in stride(from: 1015.0, through: 1065, by: 5) {
            o.record(.scrape(digest(t, ok: t * 10, failed: 0)), kind: .metrics, for: one, at: t)
            o.record(.scrape(digest(t + 2, ok: (t + 2) * 10, failed: 0)), kind: .metrics, for: two, at: t + 2)
        }
        c = try #require(o.picture(at: 1067).chutes.first)
        #expect(abs(c.requestRate.value! - 20) < 1e-9 && c.requestRate.spanSeconds == nil)
        #expect(c.instances.map(\.requestRate.spanSeconds) == [nil, nil])

        var snapshot = FleetObservations(intervals: ProbeIntervals(), rateRange: .span)
        snapshot.update(FleetInventory(chutes: [.init(name: "a", instances: [.init(id: "i-1")])]))
        snapshot.record(.scrape(digest(1000, ok: 0, failed: 0)), kind: .metrics, for: one, at: 1000)
        snapshot.record(.scrape(digest(1005, ok: 50, failed: 0)), kind: .metrics, for: one, at: 1005)
        #expect(snapshot.picture(at: 1005).chutes[0].requestRate.spanSeconds == nil)
    }

    /// A source's own figures over another span than the window (the Chutes platform's are
    /// over 5 minutes while the dashboard's window is one) say their span; a source's over the
    /// window (Prometheus' `rate(..[1m])`) say nothing.
    @Test func aSourcesFiguresOverAnotherSpanSaySo() throws {
        var o = FleetObservations(intervals: ProbeIntervals(), rateRange: .window(60))
        o.update(FleetInventory(chutes: [.init(name: "a", instances: [.init(id: "i-1")])]))
        o.recordFleetWide(.figures(ComputedFigures(time: 1000, span: 300, chutes: [.init(name: "a", requestRate: 7, errorRatio: 0.01)])), kind: .metrics, at: 1000)
        var c = try #require(o.picture(at: 1001).chutes.first)
        #expect(c.requestRate.value == 7 && c.requestRate.spanSeconds == 300)
        #expect(c.errorRatio.spanSeconds == 300)
        o.recordFleetWide(.figures(ComputedFigures(time: 1005, span: 60, chutes: [.init(name: "a", requestRate: 8)])), kind: .metrics, at: 1005)
        c = try #require(o.picture(at: 1006).chutes.first)
        #expect(c.requestRate.value == 8 && c.requestRate.spanSeconds == nil)
    }

    @Test func aCreatedChangeResetsTheSeries() {
        var w = TrafficWindow(window: .infinity)
        w.add(digest(0, ok: 500, failed: 0, created: 1000))
        w.add(digest(10, ok: 600, failed: 0, created: 2000))  // restarted: 600 since zero
        #expect(w.figures(.span)!.requestRate == 60)
    }

    @Test func oneScrapeGivesNoRate() {
        var w = TrafficWindow(window: 60)
        w.add(digest(0, ok: 1, failed: 0))
        #expect(w.figures(.window(60)) == nil)
    }

    @Test func groupedAndSingleStatusCodes() {
        #expect(StatusClass.isServerError("503"))
        #expect(StatusClass.isServerError("5xx"))
        #expect(StatusClass.isServerError("5XX"))
        #expect(!StatusClass.isServerError("429"))
        #expect(!StatusClass.isServerError("4xx"))
        #expect(!StatusClass.isServerError("50"))
        #expect(!StatusClass.isServerError(""))
    }
}
