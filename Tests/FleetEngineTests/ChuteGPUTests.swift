import TestLanes
import Testing
@testable import FleetEngine
import Monitoring

/// A chute's GPU figure is over its ready instances (a busy instance beside five starting ones
/// read 16 %), with busy/total beside it; an unknown utilisation is not 0 in any total.
@Suite(.lane(.compute)) struct ChuteGPUTests {
    func state() -> FleetWatchState {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 2, ready: 0, metrics: 5)
        return FleetWatchState(settings: settings, names: .standard, rules: [], discoveryInterval: 10, judgeInterval: 5, seed: 7)
    }

    func scrape(_ t: Double, utilization: [Double?]) -> SourceReading {
        .scrape(ScrapeDigest(time: t, requests: [],
                             gpus: utilization.enumerated().map { GPUReading(id: "GPU-\($0.offset)", model: "H100", utilization: $0.element,
                                                                             memoryUsedBytes: 1e9, memoryTotalBytes: 8e10) },
                             breakers: []))
    }

    @Test func oneBusyInstanceBesideFiveStartingReadsBusyNotSixteenPercent() throws {
        var s = state()
        let ids = ["i-1", "i-2", "i-3", "i-4", "i-5", "i-6"]
        let fleet = FleetInventory(chutes: [FleetInventory.Chute(name: "llm", instances: ids.map {
            .init(id: $0, baseURL: "http://\($0)", phase: $0 == "i-1" ? "ready" : "starting")
        })])
        _ = FleetWatch.update(&s, .listed(fleet, at: 100))
        for id in ids {
            _ = FleetWatch.update(&s, .polled(PollTarget(InstanceKey(chute: "llm", instance: id), .metrics),
                                              scrape(100, utilization: id == "i-1" ? [100, 98] : [0, 0]), at: 100))
        }
        FleetWatch.judge(&s, now: 101)
        let chute = try #require(s.picture?.chutes.first)
        #expect(chute.gpu?.meanUtilization == 99, "the starting instances' idle GPUs were averaged in")
        #expect(chute.gpu?.count == 2)
        #expect(chute.gpu?.busy == 2)
        #expect(chute.gpusReporting == 12)
        #expect(s.readModel.totals.gpus == 12 && s.readModel.totals.busyGPUs == 2)
    }

    @Test func anUnknownUtilisationIsNotCountedAsIdle() throws {
        var s = state()
        let fleet = FleetInventory(chutes: [FleetInventory.Chute(name: "llm", instances: [.init(id: "a", baseURL: "http://a")])])
        _ = FleetWatch.update(&s, .listed(fleet, at: 100))
        _ = FleetWatch.update(&s, .polled(PollTarget(InstanceKey(chute: "llm", instance: "a"), .metrics),
                                          scrape(100, utilization: [nil, nil]), at: 100))
        FleetWatch.judge(&s, now: 101)
        let totals = s.readModel.totals
        #expect(totals.gpus == 2)
        #expect(totals.busyGPUs == nil, "two GPUs of unknown utilisation were counted as 0 busy")
        #expect(s.picture?.chutes.first?.gpu?.busy == nil)
        #expect(s.picture?.chutes.first?.gpu?.meanUtilization == nil)
    }
}
