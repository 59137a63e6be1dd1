import Monitoring
import TestLanes
import Testing

/// History buffers that grow as points arrive: the same points as a ring allocated in full,
/// and memory that follows the points held, never beyond capacity.
@Suite(.lane(.compute)) struct HistoryRingTests {
    /// What a ring of `capacity` keeps, plainly: the last `capacity` points, stored as the ring
    /// stores them (tenths of a second after the epoch as UInt32, the value as Float).
    struct Model {
        let capacity: Int, epoch: Double
        var kept: [HistoryPoint] = []

        mutating func append(time: Double, value: Double) {
            let tenths = ((time - epoch) * 10).rounded()
            let stored = tenths <= 0 ? 0 : tenths >= Double(UInt32.max) ? UInt32.max : UInt32(tenths)
            kept.append(HistoryPoint(time: epoch + Double(stored) / 10, value: Double(Float(value))))
            if kept.count > capacity { kept.removeFirst() }
        }
    }

    @Test(arguments: [1, 2, 15, 16, 17, 100, 720])
    func aRingThatWrappedReturnsItsPointsOldestFirst(capacity: Int) {
        var ring = HistoryRing(capacity: capacity, epoch: 1_000)
        var model = Model(capacity: capacity, epoch: 1_000)
        #expect(ring.points.isEmpty && ring.last == nil)
        for k in 0..<(3 * capacity + 5) {
            let time = 1_000 + Double(k) * 2.5 - (k == 3 ? 2_000 : 0), value = Double(k * k) / 7
            ring.append(time: time, value: value)
            model.append(time: time, value: value)
            #expect(ring.last == model.kept.last)
            #expect(ring.count == model.kept.count)
            if k % 7 == 0 || k >= 3 * capacity { #expect(ring.points == model.kept, "after \(k + 1) points") }
        }
    }

    @Test func memoryGrowsWithThePointsAndStopsAtCapacity() {
        var ring = HistoryRing(capacity: 720, epoch: 0)
        #expect(ring.memoryBytes == 0)
        #expect(ring.capacityBytes == 720 * 8)
        var seen: [Int] = []
        for k in 1...2_000 {
            ring.append(time: Double(k), value: 1)
            #expect(ring.memoryBytes >= min(k, 720) * 8)
            #expect(ring.memoryBytes <= ring.capacityBytes)
            if seen.last != ring.memoryBytes { seen.append(ring.memoryBytes) }
        }
        // 16 slots, doubling, then capped at the capacity (not the next power of two, 1,024).
        #expect(seen == [16, 32, 64, 128, 256, 512, 720].map { $0 * 8 })
    }

    @Test func aSmallRingAllocatesNoMoreThanItsCapacity() {
        var ring = HistoryRing(capacity: 5, epoch: 0)
        ring.append(time: 1, value: 1)
        #expect(ring.memoryBytes == 5 * 8)
        for t in 2...50 { ring.append(time: Double(t), value: 1) }
        #expect(ring.memoryBytes == ring.capacityBytes)
        #expect(ring.points.map(\.time) == [46, 47, 48, 49, 50])
    }

    func chute(instances: Int) -> FleetPicture.Chute {
        let probe = FleetPicture.Probe(status: .pass, ageSeconds: 0, stale: false, error: nil, errorAgeSeconds: nil, consecutiveFailures: 0, pollBreaker: nil)
        return FleetPicture.Chute(
            name: "llm", counts: .init(current: instances, ready: instances, target: instances, min: 1, max: 4),
            requestRate: Figure(20, age: 0), errorRatio: Figure(0.01, age: 0), p50: .none, p95: .none, p99: .none,
            rateFrom: nil, rateTo: nil, gpu: nil, controlError: nil,
            instances: (1...instances).map { i in
                FleetPicture.Instance(id: "i-\(i)", baseURL: nil, phase: nil, health: probe, ready: probe, metrics: probe, healthFlaps: 0,
                                      requestRate: Figure(10, age: 0), errorRatio: Figure(0.01, age: 0), gpu: nil, breakers: [], skippedLines: 0)
            })
    }

    @Test func aFleetHistoryHoldsWhatItSawAndBudgetsTheWorstCase() {
        var history = FleetHistory(recentSpan: 3_600, resolution: 5, longSpan: 86_400)
        let series = FleetHistory.ChuteSeries.traffic.count
        #expect(series == 5)  // what the views chart: request rate, error ratio, p50, p95, p99
        // An LLM chute adds the engine panel's five: queue, KV cache, tokens/s, TTFT and ITL p95.
        #expect(FleetHistory.ChuteSeries.allCases.count == 10)
        #expect(history.budgetPerLLMChute == 2 * history.budgetPerChute)
        #expect(history.budgetPerChute == series * (720 + 1_440) * 8)
        #expect(history.memoryBytes == 0)
        var previous = 0
        for k in 0..<40 {
            history.record(FleetPicture(time: 100 + Double(k) * 5, chutes: [chute(instances: 2)]))
            #expect(history.memoryBytes >= previous)
            previous = history.memoryBytes
        }
        #expect(history.series.count == series)
        #expect(history.capacityBytes == history.budgetPerChute)
        #expect(history.memoryBytes < history.budgetPerChute / 10)
        #expect(history.points(chute: "llm", .requestRate).count == 40)
        #expect(history.points(chute: "llm", .requestRate).last?.value == 20)
        #expect(history.points(chute: "llm", .p95).isEmpty, "a missing value stays a gap")
        // Without a long tier (the default: nothing shows minute means), only the recent tier.
        #expect(FleetHistory(resolution: 5).budgetPerChute == series * 720 * 8)
    }
}
