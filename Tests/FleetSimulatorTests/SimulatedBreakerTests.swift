import Monitoring
import TestLanes
import Testing
@testable import FleetSimulator

@Suite(.lane(.compute)) struct SimulatedBreakerTests {
    @Test func failureRateIsMinusOneUntilEnoughCalls() {
        var b = SimulatedBreaker(name: "database")
        _ = b.offer(calls: 19, failures: 19, now: 0)
        #expect(b.failureRate == -1)
        #expect(b.state == .closed)
    }

    @Test func opensAtTheThresholdThenHalfOpensThenCloses() {
        var b = SimulatedBreaker(name: "database")
        _ = b.offer(calls: 10, failures: 0, now: 0)
        let tripped = b.offer(calls: 20, failures: 20, now: 1)
        #expect(b.state == .open)
        #expect(tripped.permitted < 20)  // once open, the rest are rejected
        #expect(b.notPermittedCalls == 20 - tripped.permitted)
        // Still open before the wait is over; every call is rejected.
        #expect(b.offer(calls: 5, failures: 0, now: 20) == (permitted: 0, failed: 0))
        b.advanceTime(31)
        #expect(b.state == .halfOpen)
        // Ten good probes close it again, and the two calls after them pass as usual.
        let probe = b.offer(calls: 12, failures: 0, now: 32)
        #expect(probe.permitted == 12)
        #expect(b.state == .closed)
        #expect(b.transitions.map(\.to) == [.open, .halfOpen, .closed])
    }

    @Test func failedProbesReopen() {
        var b = SimulatedBreaker(name: "cache")
        _ = b.offer(calls: 40, failures: 40, now: 0)
        b.advanceTime(30)
        _ = b.offer(calls: 10, failures: 6, now: 30)
        #expect(b.state == .open)
        #expect(b.stateSince == 30)
    }

    @Test func staysClosedBelowTheThreshold() {
        var b = SimulatedBreaker(name: "cache")
        for t in 0..<10 { _ = b.offer(calls: 50, failures: 20, now: Double(t)) }
        #expect(b.state == .closed)
        #expect(b.failureRate == 40)
    }
}

@Suite(.lane(.compute)) struct LoadCurveTests {
    @Test func dailyCurvePeaksInTheAfternoonAndDipsAtNight() {
        let peak = LoadCurve.daily(16 * 3600), trough = LoadCurve.daily(4 * 3600)
        #expect(abs(peak - 1) < 1e-9)
        #expect(abs(trough - 0.3) < 1e-9)
        #expect(LoadCurve.daily(86_400 + 16 * 3600) == peak)
    }

    @Test func burstsAreDeterministicAndShort() {
        let c = LoadCurve(peakRequestsPerSecond: 100, burstEvery: 600, burstLength: 60, burstFactor: 2, phase: 0)
        #expect(c.isBursting(at: 30))
        #expect(!c.isBursting(at: 90))
        #expect(abs(c.demand(at: 16 * 3600 + 30) - 200) < 0.01)
    }
}

@Suite(.lane(.compute)) struct ChuteCatalogTests {
    @Test func fleetIsRealisticAndDeterministic() {
        let a = ChuteCatalog.fleet(chutes: 12, seed: 7), b = ChuteCatalog.fleet(chutes: 12, seed: 7)
        #expect(a == b)
        #expect(a != ChuteCatalog.fleet(chutes: 12, seed: 8))
        #expect(Set(a.map(\.name)).count == 12)
        #expect(a[9].name == "legacy-upscaler" && a[9].build == .sloppy, "the tenth template is built without the checklist")
        #expect(a[10].name == "llama-3.1-70b-instruct-2")
        #expect(a.prefix(9).allSatisfy { $0.build == .checklist })
        #expect(a[0].gpusPerInstance == 8 && a[0].gpuModel.contains("H100"))
        #expect(a.contains { $0.workload == .image && $0.gpuModel.contains("L40S") })
        #expect(a.allSatisfy { $0.minInstances <= $0.maxInstances && $0.scalingThreshold > 0 })
    }

    @Test func instancesPerChuteIsTheStartingCount() {
        let fleet = ChuteCatalog.fleet(chutes: 3, instancesPerChute: 10, seed: 1)
        #expect(fleet.allSatisfy { $0.maxInstances >= 10 && $0.startingInstances == 10 })
        let sim = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: 5, instancesPerChute: 4, seed: 1), seed: 1, startTime: 1_795_334_400 + 1)
        #expect(sim.chutes.allSatisfy { $0.instances.count == 4 })
    }
}
