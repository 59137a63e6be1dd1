import Monitoring

/// The whole simulated fleet, advanced in fixed one-second steps of simulated time, so its state
/// at a time depends only on the seed, the start and the actions taken, never on when requests
/// happened to arrive.
public struct FleetSimulation: Sendable {
    public enum ActionError: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownChute(String)
        case unknownInstance(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .unknownChute(let c): "unknown chute '\(c)'"
            case .unknownInstance(let i): "unknown instance '\(i)'"
            case .invalid(let m): m
            }
        }
    }

    public private(set) var time: Double
    public private(set) var chutes: [SimulatedChute]
    private var generator: SeededGenerator
    /// Scenario events not applied yet, with absolute times.
    private var pending: [(time: Double, event: Scenario.Event)] = []
    public private(set) var scenarioName: String?
    /// How often the autoscaler looks, in simulated seconds.
    public var autoscalerInterval = 30.0

    public init(profiles: [ChuteProfile], seed: UInt64, startTime: Double) {
        time = startTime.rounded(.down)
        generator = SeededGenerator(seed: seed)
        var g = generator
        chutes = profiles.map { SimulatedChute(profile: $0, now: startTime.rounded(.down), generator: &g) }
        generator = g
        step()
    }

    /// Runs the simulation forward to `target` (whole seconds; earlier times are ignored).
    public mutating func advance(to target: Double) {
        while time + 1 <= target { time += 1; step() }
    }

    /// Schedules a scenario's events from now on. An event naming a chute the fleet lacks is
    /// refused before anything is scheduled.
    public mutating func load(_ scenario: Scenario) throws(ActionError) {
        for e in scenario.events {
            if case .chute(let name) = e.target { _ = try chuteIndex(name) }
        }
        scenarioName = scenario.name
        pending = scenario.events.map { (time + $0.at, $0) }
        applyDueEvents()
    }

    private mutating func applyDueEvents() {
        while let next = pending.first, next.time <= time {
            pending.removeFirst()
            let targets: [Int]
            switch next.event.target {
            case .everyChute: targets = Array(chutes.indices)
            case .chute(let name): targets = (try? chuteIndex(name)).map { [$0] } ?? []
            }
            for c in targets { apply(next.event.action, to: c) }
        }
    }

    private mutating func apply(_ action: Scenario.Action, to c: Int) {
        let name = chutes[c].profile.name
        switch action {
        case .bursts(let on): chutes[c].burstsEnabled = on
        case .dependency(let d, let down): try? setDependency(d, down: down, chute: name)
        case .demand(let f): chutes[c].demandFactor = f
        case .latency(let f): chutes[c].latencyFactor = f
        case .errors(let r): chutes[c].extraErrorRatio = r
        case .scale(let n):
            let p = chutes[c].profile
            try? scale(chute: name, instances: n, minInstances: min(n, p.minInstances), maxInstances: max(n, p.maxInstances))
        case .restart: try? restart(chute: name)
        case .crashLoop(let id, let every):
            chutes[c].faults[id, default: InstanceFault()].crashEvery = every
            chutes[c].faults[id, default: InstanceFault()].nextCrash = time + every
        case .badExporter(let id): chutes[c].faults[id, default: InstanceFault()].badExporter = true
        case .slowTarget(let id, let s): chutes[c].faults[id, default: InstanceFault()].slowSeconds = s
        case .deadTarget(let id): chutes[c].faults[id, default: InstanceFault()].dead = true
        case .logRate(let r): chutes[c].logRate = r
        case .warm: warm(c)
        }
    }

    /// Sizes the chute as its autoscaler would have after hours at the current demand: enough
    /// ready instances that the offered load stays at 90 % of the scaling threshold (within
    /// [min, max]; at the threshold itself an engine's in-flight requests reach its concurrency
    /// and its queue starts to grow), added ready, so a steady fleet starts steady instead of
    /// overloaded at its minimum with a wave of cold starts. The autoscaler keeps that size: it
    /// scales down only below 85 % of one instance fewer.
    private mutating func warm(_ c: Int) {
        let chute = chutes[c], p = chute.profile
        let offered = p.load.demand(at: time, bursts: chute.burstsEnabled) * chute.demandFactor * p.baseLatency * chute.latencyFactor
            / Double(p.concurrency)
        let wanted = max(p.minInstances, min(p.maxInstances, Int((offered / (0.9 * p.scalingThreshold)).rounded(.up))))
        chutes[c].targetInstances = wanted
        // Instances the autoscaler started a moment ago have been up for hours too.
        for i in chutes[c].instances.indices where chutes[c].instances[i].phase == .starting {
            chutes[c].instances[i].phase = .ready
            chutes[c].instances[i].phaseUntil = time
        }
        var live = chute.instances.filter { $0.phase == .starting || $0.phase == .ready }.count
        var g = generator
        while live < wanted {
            chutes[c].addInstance(now: time, ready: true, generator: &g)
            live += 1
        }
        generator = g
    }

    /// Crash-looping instances restart on schedule, starting quickly so readiness flaps.
    private mutating func crashLoops() {
        for c in chutes.indices {
            for (id, fault) in chutes[c].faults {
                guard let every = fault.crashEvery, let next = fault.nextCrash, time >= next else { continue }
                chutes[c].faults[id]?.nextCrash = time + every
                try? restart(chute: chutes[c].profile.name, instance: id, startup: min(chutes[c].profile.coldStartSeconds, every / 2))
            }
        }
    }

    private mutating func step() {
        applyDueEvents()
        crashLoops()
        for c in chutes.indices { chutes[c].step(now: time) }
        for c in chutes.indices where chutes[c].rollingRestartCurrent != nil { advanceRollingRestart(c) }
        if time.truncatingRemainder(dividingBy: autoscalerInterval) == 0 { autoscale() }
    }

    /// Follows scaling_threshold within [min, max]: enough ready capacity that the mean
    /// utilisation stays under the threshold; after `shutdownAfterSeconds` idle, down to min.
    private mutating func autoscale() {
        // Not during a rolling restart: scaling would fight the rollout (it drains starting instances first).
        for c in chutes.indices where time >= chutes[c].autoscalerHoldUntil && chutes[c].rollingRestartCurrent == nil {
            let chute = chutes[c]
            let ready = chute.instances.filter(\.isReady)
            let p = chute.profile
            var desired: Int
            if let idle = chute.idleSince, time - idle >= p.shutdownAfterSeconds {
                desired = p.minInstances
            } else if ready.isEmpty {
                desired = max(chute.targetInstances, 1)
            } else {
                let meanLoad = ready.reduce(0) { $0 + $1.offeredLoad } / Double(ready.count)
                let needed = Double(ready.count) * meanLoad / p.scalingThreshold
                desired = Int(needed.rounded(.up))
                // Scale down one step at a time, and only with clear headroom.
                if desired < chute.targetInstances { desired = needed < Double(chute.targetInstances - 1) * 0.85 ? chute.targetInstances - 1 : chute.targetInstances }
            }
            setTarget(c, max(p.minInstances, min(p.maxInstances, desired)))
        }
    }

    private mutating func setTarget(_ c: Int, _ target: Int) {
        chutes[c].targetInstances = target
        var live = chutes[c].instances.filter { $0.phase == .starting || $0.phase == .ready }.count
        var g = generator
        while live < target {
            chutes[c].addInstance(now: time, ready: false, generator: &g)
            live += 1
        }
        generator = g
        // Drain the newest first; a starting instance goes before a ready one. A chute without
        // graceful shutdown loses it at once, still ready, and the requests still routed to it
        // fail for a while.
        while live > target, let i = chutes[c].instances.lastIndex(where: { $0.phase == .starting })
            ?? chutes[c].instances.lastIndex(where: { $0.phase == .ready }) {
            if chutes[c].profile.build.gracefulShutdown {
                chutes[c].instances[i].phase = .draining
                chutes[c].instances[i].phaseUntil = time + 10
            } else {
                chutes[c].instances[i].phase = .gone
                chutes[c].abruptErrorsUntil = time + SimulatedChute.abruptErrorSeconds
            }
            live -= 1
        }
    }

    // MARK: control actions

    public func chuteIndex(_ name: String) throws(ActionError) -> Int {
        guard let i = chutes.firstIndex(where: { $0.profile.name == name }) else { throw .unknownChute(name) }
        return i
    }

    /// Sets the instance count and/or the min/max range. A count outside [min, max] is refused;
    /// after a manual count the autoscaler holds off for ten minutes.
    public mutating func scale(chute name: String, instances: Int?, minInstances: Int?, maxInstances: Int?) throws(ActionError) {
        let c = try chuteIndex(name)
        let lo = minInstances ?? chutes[c].profile.minInstances
        let hi = maxInstances ?? chutes[c].profile.maxInstances
        guard instances != nil || minInstances != nil || maxInstances != nil else {
            throw .invalid("give instances, min_instances or max_instances")
        }
        guard lo >= 0, hi >= 1, lo <= hi, hi <= 100 else { throw .invalid("need 0 <= min_instances <= max_instances <= 100 (got \(lo)..\(hi))") }
        if let n = instances, n < lo || n > hi { throw .invalid("instances must be within \(lo)..\(hi) (got \(n))") }
        chutes[c].profile.minInstances = lo
        chutes[c].profile.maxInstances = hi
        if let n = instances {
            chutes[c].autoscalerHoldUntil = time + 600
            setTarget(c, n)
        } else {
            setTarget(c, max(lo, min(hi, chutes[c].targetInstances)))
        }
    }

    /// Rolling restart: one instance at a time restarts cold, and the next goes only when the
    /// previous one is ready again, so the chute never loses more than one instance of capacity.
    public mutating func restart(chute name: String) throws(ActionError) {
        let c = try chuteIndex(name)
        chutes[c].rollingRestartQueue = chutes[c].instances.filter { $0.phase == .ready || $0.phase == .starting }.map(\.id)
        chutes[c].rollingRestartCurrent = nil
        advanceRollingRestart(c)
    }

    private mutating func advanceRollingRestart(_ c: Int) {
        if let current = chutes[c].rollingRestartCurrent,
           chutes[c].instances.contains(where: { $0.id == current && $0.phase == .starting }) { return }
        chutes[c].rollingRestartCurrent = nil
        while !chutes[c].rollingRestartQueue.isEmpty {
            let next = chutes[c].rollingRestartQueue.removeFirst()
            if (try? restart(chute: chutes[c].profile.name, instance: next)) != nil {
                chutes[c].rollingRestartCurrent = next
                return
            }
        }
    }

    /// Restarts one instance in place: it starts cold again (or after `startup` seconds) and its
    /// counters reset.
    public mutating func restart(chute name: String, instance id: String, startup: Double? = nil) throws(ActionError) {
        let c = try chuteIndex(name)
        guard let i = chutes[c].instances.firstIndex(where: { $0.id == id && $0.phase != .gone }) else { throw .unknownInstance(id) }
        let p = chutes[c].profile
        chutes[c].instances[i].restart(at: time, startup: startup ?? p.coldStartSeconds, dependencies: p.dependencies)
    }

    /// The platform's disable: a disabled chute loses its instances (the platform deletes them);
    /// enabling restores its minimum.
    public mutating func setDisabled(_ disabled: Bool, chute name: String) throws(ActionError) {
        let c = try chuteIndex(name)
        chutes[c].disabled = disabled
        chutes[c].autoscalerHoldUntil = disabled ? .infinity : time
        setTarget(c, disabled ? 0 : chutes[c].profile.minInstances)
    }

    /// Warm-up from zero: one instance (or the minimum) starts.
    public mutating func warmUp(chute name: String) throws(ActionError) {
        let c = try chuteIndex(name)
        guard !chutes[c].disabled, chutes[c].targetInstances == 0 else { return }
        setTarget(c, max(1, chutes[c].profile.minInstances))
    }

    /// What a scenario did to an instance, if anything.
    public func fault(chute: String, instance: String) -> InstanceFault? {
        chutes.first { $0.profile.name == chute }?.faults[instance]
    }

    /// Scenario knobs.
    public mutating func setDependency(_ dependency: String, down: Bool, chute name: String) throws(ActionError) {
        let c = try chuteIndex(name)
        if down { chutes[c].dependenciesDown.insert(dependency) } else { chutes[c].dependenciesDown.remove(dependency) }
    }

    public mutating func setLoad(chute name: String, demandFactor: Double? = nil, latencyFactor: Double? = nil,
                                 extraErrorRatio: Double? = nil) throws(ActionError) {
        let c = try chuteIndex(name)
        if let d = demandFactor { chutes[c].demandFactor = d }
        if let l = latencyFactor { chutes[c].latencyFactor = l }
        if let e = extraErrorRatio { chutes[c].extraErrorRatio = e }
    }
}
