import FleetEngine
import Dashboard
import Monitoring
import Foundation
import Synchronization
import TestLanes
import Testing
@testable import LiveServices

/// The continuous engine against the dead-target scenario: healthy targets are polled at their
/// interval while the dead one backs off and its breaker opens.
@Suite(.lane(.live)) struct MonitoringEngineTests {
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

    /// The most polls a target failing every time can get in `seconds` (from the run's start):
    /// each wait is at least the interval less its jitter (0.5 s - 10 %), or half its backoff
    /// (interval x 2^(failures-1), capped at `maxBackoff`: "equal jitter").
    static func mostPollsWhileFailing(in seconds: Double, interval: Double = 0.5, maxBackoff: Double = 8) -> Int {
        var polls = 0, at = 0.0
        while at <= seconds {
            polls += 1
            at += max(interval * 0.9, 0.5 * min(maxBackoff, interval * Double(1 << min(polls - 1, 30))))
        }
        return polls
    }

    /// The engine runs until every healthy target has been polled 8 times (about 4 s; longer
    /// when the machine is loaded), then is cancelled: however long that took, the dead target
    /// got no more polls than its backoff allows in that time, and its breaker opened.
    @Test func healthyTargetsKeepTheirIntervalWhileADeadOneBacksOff() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "dead-target") {
            $0.intervals = ProbeIntervals(health: 0, ready: 0, metrics: 0.5)
            $0.maxBackoff = 8
        }
        let instances = await fleet.source.inventory().instanceKeys.count
        let source = CountingSource(fleet.source)
        let sources = FleetSources(kind: "simulator", inventory: fleet.source, readings: source, control: nil, closing: [])
        let dead = PollTarget(InstanceKey(chute: "e5-mistral-7b-instruct", instance: "i-1"), .metrics)
        let healthyPolls = { source.counts.withLock { $0.filter { $0.key != dead }.map(\.value) } }
        let started = ContinuousClock.now
        let run = Task { await MonitoringEngine(sources: sources, context: fleet.context, judgeInterval: 1).run() }
        while !(healthyPolls().count == instances - 1 && healthyPolls().allSatisfy { $0 >= 8 }) {
            try #require(ContinuousClock.now - started < .seconds(120), "healthy targets were not polled 8 times each in 120 s: \(source.counts.withLock { $0 })")
            try await Task.sleep(for: .milliseconds(50))
        }
        let ran = ContinuousClock.now - started
        run.cancel()
        let report = await run.value
        let counts = source.counts.withLock { $0 }
        let seconds = Double(ran.components.seconds) + Double(ran.components.attoseconds) / 1e18
        let deadPolls = counts[dead] ?? 0
        #expect(instances >= 9)
        #expect(deadPolls >= 2 && deadPolls <= Self.mostPollsWhileFailing(in: seconds),
                "dead polled \(deadPolls) times in \(seconds) s (at most \(Self.mostPollsWhileFailing(in: seconds))): \(counts)")
        let picture = try #require(report.picture.chutes.first { $0.name == "e5-mistral-7b-instruct" }?.instances.first { $0.id == "i-1" })
        #expect(picture.metrics.pollBreaker == .open || picture.metrics.pollBreaker == .halfOpen)
        #expect(picture.metrics.error == "connection refused")
        #expect(report.alerts.contains { $0.id == "target-down@e5-mistral-7b-instruct/i-1" })
        #expect(report.historySeries > 0)
        await fleet.stop()
    }

    @Test func aFailingTargetsPollsAreBoundedByItsBackoff() {
        // 0, 0.45, 0.95, 1.95, 3.95, 7.95, then every 4 s (half of the 8 s cap).
        #expect(Self.mostPollsWhileFailing(in: 0) == 1)
        #expect(Self.mostPollsWhileFailing(in: 4) == 5)
        #expect(Self.mostPollsWhileFailing(in: 10) == 6)
        #expect(Self.mostPollsWhileFailing(in: 12) == 7)
    }
}
