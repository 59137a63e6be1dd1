import Dashboard
import Foundation
import Monitoring

/// Watches a fleet continuously without a screen (the benchmark, long `check`s): re-lists the
/// fleet every `discoveryInterval`, polls each target when the schedule says it is due (never
/// two polls of one target at once, at most `concurrency` in flight), records outcomes, and every
/// `judgeInterval` judges the fleet (picture, history, alerts). Everything stops when the task
/// running `run` is cancelled or `duration` has passed.
public final class MonitoringEngine: Sendable {
    public struct Report: Sendable {
        public var picture: FleetPicture
        public var alerts: [Alert]
        public var scrapes: Int
        public var failedPolls: Int
        public var historyBytes: Int
        public var historySeries: Int
    }

    let source: any FleetSource
    let context: ContextConfig
    let discoveryInterval: Double
    let judgeInterval: Double

    public init(source: any FleetSource, context: ContextConfig, discoveryInterval: Double = 10, judgeInterval: Double? = nil) {
        self.source = source
        self.context = context
        self.discoveryInterval = discoveryInterval
        self.judgeInterval = judgeInterval ?? max(1, context.poll.intervals.metrics)
    }

    private enum Event: Sendable {
        case polled(PollRound.Result)
        case listed(FleetInventory)
        case tick
    }

    /// Runs until cancelled or `duration` seconds; `onJudged` sees every judgement.
    public func run(duration: Double? = nil, onJudged: @Sendable (Report) -> Void = { _ in }) async -> Report {
        let clock = { Date().timeIntervalSince1970 }
        let end = duration.map { clock() + $0 }
        var generator = SystemRandomNumberGenerator()
        var schedule = PollSchedule(context.poll)
        var observations = FleetObservations(intervals: context.poll.intervals, rateRange: .window(context.poll.rateWindow),
                                             names: context.metricNames)
        var history = FleetHistory(resolution: max(0.1, context.poll.intervals.metrics))
        var alerts = AlertBook(rules: context.alertRules)
        var inventory = FleetInventory(chutes: [])
        var scrapes = 0, failures = 0
        var nextDiscovery = 0.0, nextJudgement = clock() + judgeInterval
        var running = 0
        var lastReport: Report?
        let source = self.source, names = context.metricNames

        let report = { (now: Double) -> Report in
            var picture = observations.picture(at: now)
            picture.showBreakers(schedule)
            history.record(picture)
            alerts.evaluate(picture)
            return Report(picture: picture, alerts: alerts.sorted, scrapes: scrapes, failedPolls: failures,
                          historyBytes: history.memoryBytes, historySeries: history.series.count)
        }

        await withTaskGroup(of: Event.self) { group in
            group.addTask { .tick }
            var listing = false
            while let event = await group.next() {
                let now = clock()
                switch event {
                case .polled(let r):
                    running -= 1
                    observations.record(r.outcome, kind: r.target.kind, for: r.target.instance, at: r.time)
                    schedule.finished(r.target, succeeded: r.outcome.succeeded, now: r.time, unit: Double.random(in: 0..<1, using: &generator))
                    if r.target.kind == .metrics && r.outcome.succeeded { scrapes += 1 }
                    if !r.outcome.succeeded { failures += 1 }
                    continue
                case .listed(let fleet):
                    listing = false
                    inventory = fleet
                    observations.update(fleet)
                    let keys = fleet.chutes.flatMap { c in c.instances.map { InstanceKey(chute: c.name, instance: $0.id) } }
                    schedule.sync(instances: keys, now: now) { Double.random(in: 0..<1, using: &generator) }
                    continue
                case .tick:
                    break
                }
                if Task.isCancelled || end.map({ now >= $0 }) == true {
                    group.cancelAll()
                    break
                }
                if now >= nextDiscovery && !listing {
                    listing = true
                    nextDiscovery = now + discoveryInterval
                    group.addTask { .listed(await source.inventory()) }
                }
                if now >= nextJudgement {
                    nextJudgement = now + judgeInterval
                    let r = report(now)
                    lastReport = r
                    onJudged(r)
                }
                let fleet = inventory
                for target in schedule.takeDue(now: now, limit: context.poll.concurrency - running) {
                    running += 1
                    group.addTask { .polled(await PollRound.poll(target, source, fleet, names)) }
                }
                let wake = min(schedule.nextWake ?? now + 1, nextJudgement, nextDiscovery, end ?? .infinity)
                let delay = max(0.005, min(1, wake - now))
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                    return .tick
                }
            }
        }
        return lastReport ?? report(clock())
    }
}

extension FleetPicture {
    /// Fills in each probe's poll breaker from the schedule.
    mutating func showBreakers(_ schedule: PollSchedule) {
        for c in chutes.indices {
            for i in chutes[c].instances.indices {
                let key = InstanceKey(chute: chutes[c].name, instance: chutes[c].instances[i].id)
                chutes[c].instances[i].health.pollBreaker = schedule.breaker(PollTarget(key, .health))?.state.rawValue
                chutes[c].instances[i].ready.pollBreaker = schedule.breaker(PollTarget(key, .ready))?.state.rawValue
                chutes[c].instances[i].metrics.pollBreaker = schedule.breaker(PollTarget(key, .metrics))?.state.rawValue
            }
        }
    }
}
