import FleetEngine
import Dashboard
import Monitoring

/// `chutetop snapshot` and `check`: lists the fleet, polls every probe of every instance, waits
/// out the rate window, lists and polls again (targets that failed the first time are not
/// retried: they are reported with their error), and judges the fleet with the context's alert
/// rules; with an Alertmanager, its active alerts are read too.
public enum FleetSnapshotter {
    public struct Snapshot: Sendable {
        public var picture: FleetPicture
        public var alerts: [Alert]
        public var highestFiring: AlertSeverity?
        /// What a fleet-wide source could not read (or read only in part).
        public var sourceProblems: [FleetObservations.SourceProblem] = []
        /// The context's Alertmanager's active alerts, read at the end (nil: it names none).
        public var alertmanager: AlertmanagerReading?
    }

    /// `window`: seconds between the two polls (the rates' range).
    public static func take(sources: FleetSources, context: ContextConfig, window: Double, clock: WallClock = .system) async -> Snapshot {
        let started = clock.now()
        let inventory = await sources.inventory.inventory()
        var observations = FleetObservations(intervals: sources.readings.plan.effective(context.poll.intervals), rateRange: .span,
                                             names: context.metricNames, gpuUnseen: sources.readings.plan.gpuUnseen)
        observations.update(inventory)
        let targets = { (fleet: FleetInventory) in sources.readings.plan.targets(for: fleet, intervals: context.poll.intervals) }
        let record = { (o: inout FleetObservations, r: PollRound.Result) in
            if let key = r.target.instance {
                o.record(r.reading, kind: r.target.kind, for: key, at: r.time)
            } else {
                o.recordFleetWide(r.reading, kind: r.target.kind, at: r.time)
            }
        }
        let round = { (targets: [PollTarget], fleet: FleetInventory) in
            await PollRound.run(targets, sources: sources, inventory: fleet, names: context.metricNames,
                                concurrency: context.poll.concurrency, clock: clock)
        }

        var failed = Set<PollTarget>()
        for r in await round(targets(inventory), inventory) {
            record(&observations, r)
            if !r.reading.succeeded { failed.insert(r.target) }
        }
        // A source that computes its rates itself (PromQL over its own window) needs no second
        // round: its first answer already covers the window.
        if sources.readings.plan.perInstance.isEmpty {
            return judged(observations, rules: context.alertRules, at: clock.now(), alertmanager: await sources.alertmanager?.alerts())
        }
        let wait = started + window - clock.now()
        if wait > 0 { try? await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        // The fleet again, so counts are as of the end: instances that appeared meanwhile are
        // polled once (they have no rates yet), those that left are dropped.
        let latest = await sources.inventory.inventory()
        observations.update(latest)
        for r in await round(targets(latest).filter { !failed.contains($0) }, latest) { record(&observations, r) }
        return judged(observations, rules: context.alertRules, at: clock.now(), alertmanager: await sources.alertmanager?.alerts())
    }

    /// `alertmanager`: its alerts, read at the end (nil: the context names none).
    static func judged(_ observations: FleetObservations, rules: [AlertRule], at time: Double,
                       alertmanager: AlertmanagerReading?) -> Snapshot {
        let picture = observations.picture(at: time)
        var book = AlertBook(rules: rules)
        book.evaluate(picture, ignoreFor: true)
        return Snapshot(picture: picture, alerts: book.sorted, highestFiring: book.highestFiring, sourceProblems: observations.sourceProblems,
                        alertmanager: alertmanager)
    }
}
