import FleetEngine
import Dashboard
import Foundation
import Monitoring

/// Polls a set of targets at once, at most `concurrency` at a time, and hands back each
/// outcome with the time it arrived.
enum PollRound {
    struct Result: Sendable {
        var target: PollTarget
        var outcome: ProbeOutcome
        var time: Double
    }

    static func run(_ targets: [PollTarget], source: any FleetSource, inventory: FleetInventory, names: MetricNames,
                    concurrency: Int) async -> [Result] {
        await withTaskGroup(of: Result.self) { group in
            var results: [Result] = []
            var pending = targets[...]
            var running = 0
            while running < concurrency, let t = pending.popFirst() {
                group.addTask { await poll(t, source, inventory, names) }
                running += 1
            }
            while let r = await group.next() {
                results.append(r)
                if let t = pending.popFirst() { group.addTask { await poll(t, source, inventory, names) } }
            }
            return results
        }
    }

    /// Carries out one of the fleet watch's commands; the headless engine and the dashboard both
    /// use this.
    static func carryOut(_ command: FleetWatchCommand, _ source: any FleetSource, _ names: MetricNames) async -> FleetWatchMessage {
        switch command {
        case .list:
            let fleet = await source.inventory()
            return .listed(fleet, at: Date().timeIntervalSince1970)
        case .poll(let target, let inventory):
            let r = await poll(target, source, inventory, names)
            return .polled(r.target, r.outcome, at: r.time)
        }
    }

    static func poll(_ t: PollTarget, _ source: any FleetSource, _ inventory: FleetInventory, _ names: MetricNames) async -> Result {
        let outcome = await source.poll(t, in: inventory, names: names)
        return Result(target: t, outcome: outcome, time: Date().timeIntervalSince1970)
    }
}
