import TestLanes
import Testing
@testable import FleetEngine
@testable import Monitoring

/// A source that holds history (Prometheus) fills the charts at once: the overview's trends
/// when the fleet is first listed, a chute's charts when its view opens; the answer goes in
/// front of what was recorded live, and charts draw both on one time scale.
@Suite(.lane(.compute)) struct HistoryBackfillTests {
    let fleet = FleetInventory(chutes: [.init(name: "a", instances: [.init(id: "i-1")]), .init(name: "b", instances: [])])

    func state(history: Bool) -> FleetWatchState {
        FleetWatchState(settings: PollSettings(), names: .standard, rules: [], plan: ReadingPlan(fleetWide: [.health, .metrics], history: history))
    }

    func backfills(_ commands: [FleetWatchCommand]) -> [HistoryRequest] {
        commands.compactMap { if case .backfill(let r) = $0 { r } else { nil } }
    }

    @Test func theFirstListingAsksForTheTrendsOnceAndAChuteViewForItsCharts() throws {
        var s = state(history: true)
        let first = backfills(FleetWatch.update(&s, .listed(fleet, at: 10_000)))
        let trend = try #require(first.first)
        #expect(first.count == 1 && trend.chutes == nil && trend.series == [.requestRate])
        #expect(trend.end == 10_000 && trend.start == 10_000 - 3600 && trend.step == 3600 / Double(FleetWatch.overviewTrendPoints))
        #expect(backfills(FleetWatch.update(&s, .listed(fleet, at: 10_010))).isEmpty, "asked once")

        let charts = try #require(backfills(FleetWatch.update(&s, .chartsWanted(chute: "a", points: 200, at: 10_020))).first)
        #expect(charts.chutes == ["a"] && charts.series == FleetHistory.ChuteSeries.allCases && charts.step == 18)
        #expect(backfills(FleetWatch.update(&s, .chartsWanted(chute: "a", points: 200, at: 10_030))).isEmpty, "not again at the same step")
        #expect(backfills(FleetWatch.update(&s, .chartsWanted(chute: "a", points: 400, at: 10_040))).first?.step == 9, "again when wider")
    }

    @Test func aSourceWithoutHistoryIsNeverAsked() {
        var s = state(history: false)
        #expect(backfills(FleetWatch.update(&s, .listed(fleet, at: 10_000))).isEmpty)
        #expect(backfills(FleetWatch.update(&s, .chartsWanted(chute: "a", points: 200, at: 10_000))).isEmpty)
    }

    @Test func backfilledPointsGoBeforeLiveOnesAndProblemsAreKept() {
        var s = state(history: true)
        _ = FleetWatch.update(&s, .listed(fleet, at: 10_000))
        // Two live points first, then the answer for the hour before (overlapping the live ones).
        let key = FleetHistory.Key(chute: "a", series: .requestRate)
        s.history.append(key, 10_000, 7)
        s.history.append(key, 10_001, 8)
        let request = HistoryRequest(chutes: ["a"], series: [.requestRate], start: 6400, end: 10_001, step: 600)
        let answer = HistoryBackfill(request: request, series: [.init(chute: "a", series: .requestRate, points: [
            HistoryPoint(time: 6400, value: 1), HistoryPoint(time: 7000, value: 2), HistoryPoint(time: 10_000, value: 99),
        ])], problems: ["history p99 failed: timeout"])
        _ = FleetWatch.update(&s, .backfilled(answer, at: 10_002))
        #expect(s.history.points(chute: "a", .requestRate).map(\.value) == [1, 2, 7, 8], "older points first; a recorded second is kept as recorded")
        #expect(s.readModel.historyProblem == "history p99 failed: timeout")
    }

    @Test func chartsResampleOnTimeSoAnHourAndLiveSecondsShareOneScale() {
        var h = FleetHistory(resolution: 1)
        // An hour at 10-minute steps, then 60 live seconds.
        h.backfill(chute: "a", .requestRate, (0..<6).map { HistoryPoint(time: Double($0) * 600, value: 10) })
        for t in 0..<60 { h.append(FleetHistory.Key(chute: "a", series: .requestRate), 3540 + Double(t), 20) }
        let drawn = h.resampled(chute: "a", .requestRate, buckets: 60, end: 3600)
        #expect(drawn.count == 60)
        // The live minute takes the last of 60 one-minute slices, not most of the chart.
        #expect(drawn.last == 20 && drawn[58] != 20)
        #expect(drawn.prefix(50).allSatisfy { $0 == 10 }, "ten-minute steps fill their slices: \(drawn)")
    }

    @Test func aSilenceAmongLiveSecondsStaysAGap() {
        var h = FleetHistory(resolution: 1)
        let key = FleetHistory.Key(chute: "a", series: .requestRate)
        for t in 0..<60 { h.append(key, Double(t), 5) }
        for t in 360..<420 { h.append(key, Double(t), 6) }
        let drawn = h.resampled(chute: "a", .requestRate, buckets: 42, end: 420)
        #expect(drawn.count == 42 && drawn.first == 5 && drawn.last == 6)
        #expect(drawn[10...30].allSatisfy { $0.isNaN }, "five silent minutes are not drawn as a line: \(drawn)")
    }
}
