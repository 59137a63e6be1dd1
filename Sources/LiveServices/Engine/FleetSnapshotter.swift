import FleetEngine
import Dashboard
import Foundation
import Monitoring

/// `chutetop snapshot` and `check`: lists the fleet, polls every probe of every instance, waits
/// out the rate window, lists and polls again (targets that failed the first time are not
/// retried: they are reported with their error), and judges the fleet with the context's alert
/// rules.
public enum FleetSnapshotter {
    public struct Snapshot: Sendable {
        public var picture: FleetPicture
        public var alerts: [Alert]
        public var highestFiring: AlertSeverity?
    }

    /// `window`: seconds between the two polls (the rates' range).
    public static func take(source: any FleetSource, context: ContextConfig, window: Double) async -> Snapshot {
        let started = Date().timeIntervalSince1970
        let inventory = await source.inventory()
        var observations = FleetObservations(intervals: context.poll.intervals, rateRange: .span, names: context.metricNames)
        observations.update(inventory)
        let kinds = ProbeKind.allCases.filter { context.poll.intervals[$0] > 0 && source.probes.contains($0) }
        let targets = { (fleet: FleetInventory) in fleet.instanceKeys.flatMap { k in kinds.map { PollTarget(k, $0) } } }

        var failed = Set<PollTarget>()
        for r in await PollRound.run(targets(inventory), source: source, inventory: inventory, names: context.metricNames, concurrency: context.poll.concurrency) {
            if let key = r.target.instance { observations.record(r.outcome, kind: r.target.kind, for: key, at: r.time) }
            if !r.outcome.succeeded { failed.insert(r.target) }
        }
        let wait = started + window - Date().timeIntervalSince1970
        if wait > 0 { try? await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        // The fleet again, so counts are as of the end: instances that appeared meanwhile are
        // polled once (they have no rates yet), those that left are dropped.
        let latest = await source.inventory()
        observations.update(latest)
        let again = targets(latest).filter { !failed.contains($0) }
        for r in await PollRound.run(again, source: source, inventory: latest, names: context.metricNames, concurrency: context.poll.concurrency) {
            if let key = r.target.instance { observations.record(r.outcome, kind: r.target.kind, for: key, at: r.time) }
        }
        let picture = observations.picture(at: Date().timeIntervalSince1970)
        var book = AlertBook(rules: context.alertRules)
        book.evaluate(picture, ignoreFor: true)
        return Snapshot(picture: picture, alerts: book.sorted, highestFiring: book.highestFiring)
    }
}
