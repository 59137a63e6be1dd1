import Glibc
import Monitoring

/// A chute in the simulation: its profile, instances, scaling state and the scenario's
/// knobs (dependencies down, extra errors, slower or busier).
public struct SimulatedChute: Sendable, Hashable {
    public var profile: ChuteProfile
    public var instances: [SimulatedInstance] = []
    public var targetInstances: Int
    public var nextInstanceNumber = 1
    /// The autoscaler leaves a chute alone until then after a manual scale.
    public var autoscalerHoldUntil = -Double.infinity
    public var idleSince: Double?
    public var dependenciesDown: Set<String> = []
    public var extraErrorRatio = 0.0
    public var latencyFactor = 1.0
    public var demandFactor = 1.0
    public var burstsEnabled = true
    /// Scenario faults by instance id (they survive restarts).
    public var faults: [String: InstanceFault] = [:]
    /// Log lines per second per instance stream.
    public var logRate = 2.0
    /// The last 120 seconds (`keptSeconds`), oldest first, of what the instances' counters counted, summed over
    /// instances: the exposed latency buckets' increases (cumulative per bound, then +Inf), and
    /// requests and 5xx responses. What rate(...) and histogram_quantile(rate(...)) see.
    public var recentBuckets: [[Double]] = []
    public var recentRequests: [CountedRequests] = []
    /// The same seconds of the engines' exposed figures, for LLM chutes.
    public var recentEngine: [EngineSecond] = []
    /// Enough for a one-minute window ending up to a minute ago.
    public static let keptSeconds = 120
    /// Instances still waiting for their turn in a rolling restart, and the one restarting now.
    public var rollingRestartQueue: [String] = []
    public var rollingRestartCurrent: String?
    /// Disabled on the platform facade: no instances, and warm-up refused.
    public var disabled = false
    /// Until then, requests fail as they do after an instance vanished while still ready
    /// (routed to it, retried, timed out): `abruptErrorRatio` of them answer 500.
    public var abruptErrorsUntil = -Double.infinity
    public static let abruptErrorSeconds = 15.0
    public static let abruptErrorRatio = 0.5

    init(profile: ChuteProfile, now: Double, generator: inout SeededGenerator) {
        self.profile = profile
        self.targetInstances = max(profile.minInstances, min(profile.maxInstances, profile.startingInstances ?? max(1, profile.minInstances)))
        for _ in 0..<targetInstances { addInstance(now: now, ready: true, generator: &generator) }
    }

    public var readyCount: Int { instances.filter(\.isReady).count }

    /// The latency quantile over the last `window` seconds (at most 60), as histogram_quantile
    /// computes it on the exposed buckets (NaN without traffic).
    public func latencyQuantile(_ q: Double, window: Int = 60, secondsAgo: Int = 0) -> Double {
        guard let width = recentBuckets.first?.count else { return .nan }
        var sums = [Double](repeating: 0, count: width)
        for second in recentBuckets.dropLast(secondsAgo).suffix(window) { for k in 0..<width { sums[k] += second[k] } }
        var buckets = SimulatedInstance.latencyBounds.enumerated().map { (upperBound: $0.element, count: sums[$0.offset]) }
        buckets.append((upperBound: .infinity, count: sums[width - 1]))
        return HistogramQuantile.quantile(q, buckets)
    }

    mutating func addInstance(now: Double, ready: Bool, generator: inout SeededGenerator) {
        let id = "i-\(nextInstanceNumber)"
        nextInstanceNumber += 1
        var hash = generator.next()
        let gpus = (0..<profile.gpusPerInstance).map { g -> SimulatedGPU in
            hash = hash &* 6_364_136_223_846_793_005 &+ 1
            let hex = String(hash, radix: 16)
            let uuid = "GPU-" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex + "-\(profile.name.prefix(4))-\(id)-\(g)"
            return SimulatedGPU(index: g, uuid: uuid, utilization: 0, memoryUsedMiB: 0, memoryTotalMiB: profile.gpuMemoryMiB,
                                temperature: 32, powerWatts: 60)
        }
        let share = 0.85 + Double(generator.next() % 300) / 1000
        instances.append(SimulatedInstance(
            id: id, phase: ready ? .ready : .starting, phaseUntil: ready ? now : now + profile.coldStartSeconds,
            startedAt: now, loadShare: share, gpus: gpus,
            breakers: profile.dependencies.map { SimulatedBreaker(name: $0, now: now) },
            engine: profile.engine.map { SimulatedEngine(kind: $0) }))
    }

    /// One simulated second ending at `now`.
    mutating func step(now: Double) {
        for i in instances.indices {
            if instances[i].phase == .starting && now >= instances[i].phaseUntil { instances[i].phase = .ready }
            if instances[i].phase == .draining && now >= instances[i].phaseUntil { instances[i].phase = .gone }
        }
        instances.removeAll { $0.phase == .gone }
        let demand = profile.load.demand(at: now, bursts: burstsEnabled) * demandFactor
        let shares = instances.filter(\.isReady).reduce(0) { $0 + $1.loadShare }
        var increases = [Double](repeating: 0, count: SimulatedInstance.latencyBounds.count + 1)
        var counted = CountedRequests()
        var engineSecond = EngineSecond()
        for i in instances.indices {
            let rps = instances[i].isReady && shares > 0 ? demand * instances[i].loadShare / shares : 0
            let before = instances[i].exposedBuckets, requestsBefore = instances[i].countedRequests
            let engineBefore = instances[i].engine
            serve(&instances[i], rps: rps, now: now)
            if let after = instances[i].engine { engineSecond.add(before: engineBefore, after: after) }
            let after = instances[i].exposedBuckets, requestsAfter = instances[i].countedRequests
            for k in increases.indices { increases[k] += after[k] - before[k] }
            counted.requests += requestsAfter.requests - requestsBefore.requests
            counted.errors += requestsAfter.errors - requestsBefore.errors
        }
        recentBuckets.append(increases)
        recentRequests.append(counted)
        if profile.engine != nil {
            recentEngine.append(engineSecond)
            if recentEngine.count > Self.keptSeconds { recentEngine.removeFirst(recentEngine.count - Self.keptSeconds) }
        }
        if recentBuckets.count > Self.keptSeconds { recentBuckets.removeFirst(recentBuckets.count - Self.keptSeconds) }
        if recentRequests.count > Self.keptSeconds { recentRequests.removeFirst(recentRequests.count - Self.keptSeconds) }
        idleSince = demand < 0.001 ? (idleSince ?? now) : nil
    }

    private func serve(_ inst: inout SimulatedInstance, rps: Double, now: Double) {
        let p = profile
        let offered = rps * p.baseLatency * latencyFactor / Double(p.concurrency)
        let median = p.baseLatency * latencyFactor * (offered < 1 ? 1 + 0.6 * offered * offered : 1.6 + 3 * (offered - 1))
        inst.utilization = min(1, offered)
        inst.offeredLoad = offered
        inst.medianLatency = rps > 0 ? median : 0
        let inFlight = rps * median
        inst.running = min(inFlight, Double(p.concurrency))
        inst.waiting = max(0, inFlight - Double(p.concurrency))
        inst.kvCacheUsage = p.engine != nil && inst.isReady ? min(0.99, 0.12 + 0.8 * min(offered, 1.1)) : 0

        // Statuses: overload is rejected with 429 (in_flight >= concurrency); calls to a
        // dependency go through that dependency's breaker: failures are 500, rejections 503.
        let rejected = offered > 1 ? min(0.9, (offered - 1) / offered) : 0
        var ok = rps * (1 - rejected)
        let abrupt = now < abruptErrorsUntil ? Self.abruptErrorRatio : 0
        var failed = rps * min(1, 0.001 + extraErrorRatio + abrupt)
        ok -= min(ok, failed)
        var unavailable = 0.0
        let callers = Int(ok.rounded())
        for b in inst.breakers.indices {
            let down = dependenciesDown.contains(inst.breakers[b].name)
            let result = inst.breakers[b].offer(calls: callers, failures: down ? callers : 0, now: now)
            let notPermitted = Double(callers - result.permitted) * (ok / max(1, Double(callers)))
            let dependencyFailures = Double(result.failed) * (ok / max(1, Double(callers)))
            let lost = min(ok, notPermitted + dependencyFailures)
            unavailable += min(notPermitted, lost)
            failed += lost - min(notPermitted, lost)
            ok -= lost
        }
        let amounts = ["200": ok, "429": rps * rejected, "500": failed, "503": unavailable]
        inst.requestRate = rps
        inst.errorRate = failed + unavailable
        inst.rejectedRate = rps * rejected
        var served = 0.0
        for status in SimulatedInstance.statuses {
            let expected = (inst.requestCarry[status] ?? 0) + (amounts[status] ?? 0)
            let whole = expected.rounded(.down)
            inst.requestCarry[status] = expected - whole
            inst.requests[status, default: 0] += whole
            if status == "200" { served = whole }
        }
        let ready = inst.isReady
        inst.engine?.step(ready: ready, served: served, offered: offered, inFlight: inFlight, concurrency: Double(p.concurrency),
                          median: median, baseLatency: p.baseLatency * latencyFactor)
        if served > 0 {
            for (k, bound) in SimulatedInstance.latencyBounds.enumerated() {
                inst.bucketExpected[k] += served * LatencyDistribution.cdf(bound, median: median)
            }
            inst.latencySum += served * LatencyDistribution.mean(median: median)
            inst.latencyCount += served
        }
        updateGPUs(&inst, now: now)
    }

    private func updateGPUs(_ inst: inout SimulatedInstance, now: Double) {
        let tdp: Double = profile.gpuModel.contains("H100") ? 700 : profile.gpuModel.contains("A100") ? 400
            : profile.gpuModel.contains("L40S") ? 350 : profile.gpuModel.contains("A10") ? 150 : 72
        let weights: Double = profile.workload == .llm ? 0.62 : profile.workload == .image ? 0.35 : 0.2
        for g in inst.gpus.indices {
            // A small deterministic ripple per GPU so the panel does not look frozen.
            let ripple = 2.5 * sin(now / 7 + Double(g) * 1.7 + Double(inst.id.utf8.count))
            let busy = inst.isReady ? min(100, max(0, 6 + 92 * min(1.04, inst.utilization) + ripple)) : 0
            inst.gpus[g].utilization = busy.rounded()
            let kv = profile.workload == .llm ? 0.3 * inst.kvCacheUsage : 0.05 * inst.utilization
            inst.gpus[g].memoryUsedMiB = (inst.gpus[g].memoryTotalMiB * (inst.phase == .starting ? 0.1 : weights + kv)).rounded()
            inst.gpus[g].temperature = (33 + 48 * busy / 100).rounded()
            inst.gpus[g].powerWatts = ((tdp * 0.12 + (tdp * 0.88) * busy / 100) * 10).rounded() / 10
        }
    }
}

/// Requests and 5xx responses counted in one simulated second.
public struct CountedRequests: Sendable, Hashable {
    public var requests = 0.0
    public var errors = 0.0
}

/// What a scenario did to one instance.
public struct InstanceFault: Sendable, Hashable {
    public var badExporter = false
    public var slowSeconds: Double?
    public var dead = false
    /// Restart every this many seconds (crash loop), and when next.
    public var crashEvery: Double?
    public var nextCrash: Double?
}
