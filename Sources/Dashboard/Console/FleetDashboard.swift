import FleetEngine
import Monitoring
import TerminalUI

/// The dashboard's one `update` function (ARCHITECTURE.md "The loop"): terminal keys and effect
/// messages in, state changed, commands out. Keys are read through the state's `KeyMap`
/// (FleetDashboard+Keys), overlays take keys first (FleetDashboard+Overlays).
public enum FleetDashboard {
    public typealias Effect = ProgramEffect<DashboardCommand>

    /// Log lines fetched when a logs view opens, per instance.
    public static let logBackfill = 200

    /// What the shell performs when the dashboard starts: the first wake-up (which lists the
    /// fleet and starts polling).
    public static let start: [Effect] = [.perform(.wake(after: 0))]

    public static func update(_ s: inout FleetDashboardState, _ event: ProgramEvent<DashboardMessage>) -> [Effect] {
        let effects = handle(&s, event)
        return effects + journal(&s)
    }

    private static func handle(_ s: inout FleetDashboardState, _ event: ProgramEvent<DashboardMessage>) -> [Effect] {
        switch event {
        case .resized(let size):
            s.size = size
            return []
        case .keyPressed(let key):
            if s.overlay != nil { return handleOverlayKey(&s, key) }
            return handleKey(&s, key)
        case .pointer(let event, let zones):
            // An open overlay (help, a prompt, an action's confirmation) takes keys only: a
            // stray click never confirms or dismisses anything.
            if s.overlay != nil { return [] }
            return handlePointer(&s, event, zones: zones)
        case .delivered(let message):
            // The alerts view's selection follows its alert, not its row number: rows added
            // or removed before it must not move `a`, `z` or `x` onto another alert.
            let selected = s.page == .alerts ? s.selectedAlertRow : nil
            let effects = deliver(&s, message)
            if let selected { s.keepAlertSelection(on: selected) }
            return effects
        }
    }

    static func deliver(_ s: inout FleetDashboardState, _ message: DashboardMessage) -> [Effect] {
        switch message {
        case .woke(let now):
            let shownSecond = Int(s.now)
            s.now = max(s.now, now)
            let judged = s.watch.picture?.time
            var effects = watch(&s, .tick(now: now))
            if s.watch.picture?.time == judged && Int(s.now) != shownSecond { s.revision += 1 }
            let next = FleetWatch.nextWake(s.watch) ?? now + 1
            effects.append(.perform(.wake(after: max(0.01, min(1, next - now)))))
            return effects
        case .watch(let m):
            switch m {
            case .polled(_, _, let at), .listed(_, let at): s.now = max(s.now, at)
            case .alertmanagerRead(_, let at):
                s.now = max(s.now, at)
                let effects = watch(&s, m)
                s.refresh()
                s.revision += 1
                return effects
            case .tick, .alertHandled, .noted, .chartsWanted: break
            case .backfilled: s.revision += 1
            }
            return watch(&s, m)
        case .logLines(let stream, let lines, let dropped):
            guard stream == s.logStream else { return [] }
            s.logs.append(lines.map { ($0.instance, $0.entry) }, droppedBefore: dropped)
            // The lines are the readiness review's evidence for the chute's logs.
            if case .logs(let scope) = s.page {
                let chute = switch scope {
                case .chute(let name): name
                case .instance(let key): key.chute
                }
                for l in lines { s.watch.observeLog(l.entry, of: InstanceKey(chute: chute, instance: l.instance), at: s.now) }
            }
            s.revision += 1
            return []
        case .logProblem(let stream, let instance, let problem):
            guard stream == s.logStream else { return [] }
            s.logs.problems.append("\(instance): \(problem)")
            if s.logs.problems.count > 20 { s.logs.problems.removeFirst() }
            s.revision += 1
            return []
        case .rawMetrics(let key, let result):
            s.rawMetrics[key] = result
            s.revision += 1
            return []
        case .actionFinished(let prepared, let outcome):
            s.revision += 1
            if !outcome.dryRun {
                let event = FleetEvent(time: s.now, chute: prepared.target.chute, instance: prepared.target.instance,
                                       kind: .action(name: prepared.action, succeeded: outcome.succeeded, detail: outcome.detail), audit: outcome.audit)
                _ = s.feed(.noted(event))
                if prepared.builtin == .silence, outcome.succeeded { noteSilence(&s, prepared) }
            }
            let effects = actionFinished(&s, prepared, outcome)
            s.refresh()
            return effects
        case .actionProgress(let target, let action, let said):
            guard s.actionsInFlight.contains(target) else { return [] }
            s.message = "\(action) \(target): \(said)"
            s.revision += 1
            return []
        case .auditLoaded(let records):
            s.auditTrail = records.reversed()
            s.revision += 1
            return []
        case .timelineProblem(let problem):
            s.message = "timeline not saved: \(problem)"
            s.revision += 1
            return []
        case .incidentExported(let path, let problem):
            s.message = problem.map { "export failed: \($0)" } ?? "incident written to \(path)"
            s.revision += 1
            return []
        }
    }

    /// Hands a message to the fleet watch; a new judgement (a tick's, or a fleet-wide reading
    /// judged as it arrives) refreshes what the views show.
    private static func watch(_ s: inout FleetDashboardState, _ m: FleetWatchMessage) -> [Effect] {
        let judged = s.watch.picture?.time
        let effects = s.feed(m).map { Effect.perform(.watch($0)) }
        if let picture = s.watch.picture, picture.time != judged {
            s.refresh()
            observeWatches(&s, picture)
            s.revision += 1
        }
        return effects
    }

    // MARK: opening and closing views

    static func open(_ page: DashboardPage, _ s: inout FleetDashboardState) -> [Effect] {
        if case .logs = s.page { _ = s.pop() }  // one logs view at a time
        s.push(page)
        return effects(entering: page, &s)
    }

    static func back(_ s: inout FleetDashboardState) -> [Effect] {
        guard let left = s.pop() else { return [] }
        var effects: [Effect] = []
        if case .logs = left { effects.append(.perform(.stopLogs)) }
        return effects
    }

    /// Jumps to a top-level view (overview or alerts), closing the rest.
    static func jump(to page: DashboardPage, _ s: inout FleetDashboardState) -> [Effect] {
        var effects: [Effect] = []
        while s.pages.count > 1 { effects += back(&s) }
        if page != .overview { effects += open(page, &s) }
        return effects
    }

    private static func effects(entering page: DashboardPage, _ s: inout FleetDashboardState) -> [Effect] {
        switch page {
        case .logs(let scope):
            s.logStream += 1
            s.logs = LogBuffer()
            let inventory = s.watch.inventory
            let keys: [InstanceKey]
            switch scope {
            case .chute(let name): keys = inventory.instanceKeys.filter { $0.chute == name }
            case .instance(let key): keys = [key]
            }
            if keys.isEmpty { s.logs.problems.append("no instances to read logs from") }
            return [.perform(.followLogs(stream: s.logStream, instances: keys, inventory: inventory, backfill: logBackfill))]
        case .metrics(let key):
            s.selectedFamily = 0
            s.familyQuery = ""
            s.rawMetrics[key] = nil
            return [.perform(.fetchRawMetrics(key, s.watch.inventory))]
        case .chute(let name):
            if s.selectedInstance == nil || s.chute(name)?.instances.contains(where: { $0.id == s.selectedInstance }) != true {
                s.selectedInstance = s.chute(name)?.instances.first?.id
            }
            // Two chart points per cell (braille); the source's history fills them at once.
            return watch(&s, .chartsWanted(chute: name, points: max(60, 2 * s.size.width), at: s.now))
        case .timeline:
            s.journal.selected = 0
            return []
        case .overview, .instance, .alerts, .audit:
            return []
        }
    }
}
