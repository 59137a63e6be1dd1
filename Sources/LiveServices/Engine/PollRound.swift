import FleetEngine
import Foundation
import Monitoring

/// Carries out units of work against a context's sources: many at once (at most `concurrency`
/// at a time) for `snapshot`, or one fleet-watch command at a time for the continuous engine
/// and the dashboard; each reading comes back with the time it arrived, from the one clock.
enum PollRound {
    struct Result: Sendable {
        var target: PollTarget
        var reading: SourceReading
        var time: Double
    }

    static func run(_ targets: [PollTarget], sources: FleetSources, inventory: FleetInventory, names: MetricNames,
                    concurrency: Int, clock: WallClock) async -> [Result] {
        await withTaskGroup(of: Result.self) { group in
            var results: [Result] = []
            var pending = targets[...]
            var running = 0
            while running < concurrency, let t = pending.popFirst() {
                group.addTask { await read(t, sources, inventory, names, clock) }
                running += 1
            }
            while let r = await group.next() {
                results.append(r)
                if let t = pending.popFirst() { group.addTask { await read(t, sources, inventory, names, clock) } }
            }
            return results
        }
    }

    /// Carries out one of the fleet watch's commands; the headless engine and the dashboard both
    /// use this.
    static func carryOut(_ command: FleetWatchCommand, _ sources: FleetSources, _ names: MetricNames, clock: WallClock) async -> FleetWatchMessage {
        switch command {
        case .list:
            let fleet = await sources.inventory.inventory()
            return .listed(fleet, at: clock.now())
        case .poll(let target, let inventory):
            let r = await read(target, sources, inventory, names, clock)
            return .polled(r.target, r.reading, at: r.time)
        case .readAlertmanager:
            let reading = await sources.alertmanager?.alerts() ?? .failed("this context has no Alertmanager")
            return .alertmanagerRead(reading, at: clock.now())
        case .backfill(let request):
            guard let history = sources.history else {
                return .backfilled(HistoryBackfill(request: request, series: [], problems: ["this source holds no history"]), at: clock.now())
            }
            return .backfilled(await history.history(request), at: clock.now())
        }
    }

    static func read(_ t: PollTarget, _ sources: FleetSources, _ inventory: FleetInventory, _ names: MetricNames, _ clock: WallClock) async -> Result {
        let reading = await sources.readings.read(t, in: inventory, names: names)
        return Result(target: t, reading: reading, time: clock.now())
    }
}
