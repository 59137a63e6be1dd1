import FleetEngine
import Dashboard
import Monitoring
import Synchronization
import Testing
@testable import LiveServices

/// The continuous engine against the dead-target scenario: healthy targets are polled at their
/// interval while the dead one backs off and its breaker opens.
@Suite struct MonitoringEngineTests {
    /// The direct source's readings, counted per target.
    final class CountingSource: ReadingSource {
        let inner: DirectSource
        let counts = Mutex<[PollTarget: Int]>([:])
        init(_ inner: DirectSource) { self.inner = inner }
        var plan: ReadingPlan { inner.plan }
        func read(_ target: PollTarget, in inventory: FleetInventory, names: MetricNames) async -> SourceReading {
            counts.withLock { $0[target, default: 0] += 1 }
            return await inner.read(target, in: inventory, names: names)
        }
        func logs(of instance: InstanceKey, in inventory: FleetInventory, backfill: Int) -> LogLines {
            inner.logs(of: instance, in: inventory, backfill: backfill)
        }
        func rawMetrics(of instance: InstanceKey, in inventory: FleetInventory) async throws -> ExpositionPage {
            try await inner.rawMetrics(of: instance, in: inventory)
        }
    }

    @Test func healthyTargetsKeepTheirIntervalWhileADeadOneBacksOff() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "dead-target") {
            $0.intervals = ProbeIntervals(health: 0, ready: 0, metrics: 0.5)
            $0.maxBackoff = 8
        }
        let source = CountingSource(fleet.source)
        let sources = FleetSources(kind: "simulator", inventory: fleet.source, readings: source, control: nil, closing: [])
        let report = await MonitoringEngine(sources: sources, context: fleet.context, judgeInterval: 1).run(duration: 10)
        let counts = source.counts.withLock { $0 }
        let dead = PollTarget(InstanceKey(chute: "e5-mistral-7b-instruct", instance: "i-1"), .metrics)
        let healthy = counts.filter { $0.key != dead }.map(\.value)
        // 10 s at 0.5 s (jitter 10 %) is about 20 polls; the dead target waits 0.5, 1, 2, 4, 8 s
        // (3 to 6 polls). Under a loaded parallel test run the engine gets far fewer rounds in
        // (a CI run: 6 per healthy target in a 10 s run that took 28 s, the dead one 4): every
        // healthy target is polled more often than the dead one, and at least 5 times.
        let deadPolls = counts[dead] ?? 0
        #expect(healthy.count >= 8)
        #expect(healthy.allSatisfy { $0 >= 5 && $0 > deadPolls }, "\(counts)")
        #expect(deadPolls >= 3 && deadPolls <= 6, "dead polled \(deadPolls) times")
        let picture = try #require(report.picture.chutes.first { $0.name == "e5-mistral-7b-instruct" }?.instances.first { $0.id == "i-1" })
        #expect(picture.metrics.pollBreaker == .open || picture.metrics.pollBreaker == .halfOpen)
        #expect(picture.metrics.error == "connection refused")
        #expect(report.alerts.contains { $0.id == "target-down@e5-mistral-7b-instruct/i-1" })
        #expect(report.historySeries > 0)
        await fleet.stop()
    }
}
