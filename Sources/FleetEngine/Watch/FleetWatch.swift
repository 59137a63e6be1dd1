import Monitoring

/// What reaches the fleet watch: the clock, a fleet listing, a reading. Times are seconds
/// since the epoch and arrive inside the messages, so a recorded sequence of messages replays
/// to the same pictures, alerts and events.
public enum FleetWatchMessage: Sendable, Hashable, Codable {
    case tick(now: Double)
    case listed(FleetInventory, at: Double)
    case polled(PollTarget, SourceReading, at: Double)
    /// The operator acknowledged an alert or snoozed it until a time, with a note.
    case alertHandled(id: String, acknowledged: Bool, snoozedUntil: Double?, note: String?, at: Double)
    /// Something the shell did that belongs in the event log (an action ran, or was refused).
    case noted(FleetEvent)
    /// Alertmanager's active alerts were read (or could not be).
    case alertmanagerRead(AlertmanagerReading, at: Double)
    /// A view wants a chute's charts (`chute`) or the overview's trends (nil) `points` wide.
    case chartsWanted(chute: String?, points: Int, at: Double)
    /// History the source held, for the charts.
    case backfilled(HistoryBackfill, at: Double)
}

/// What the fleet watch asks the shell to do.
public enum FleetWatchCommand: Sendable, Hashable, Codable {
    /// List the fleet (deliver `.listed`).
    case list
    /// Poll one target against this inventory (deliver `.polled`).
    case poll(PollTarget, FleetInventory)
    /// Read the context's Alertmanager's active alerts (deliver `.alertmanagerRead`).
    case readAlertmanager
    /// Read the source's history (deliver `.backfilled`).
    case backfill(HistoryRequest)
}

/// The fleet watch's transitions (ARCHITECTURE.md "The live engine"): on each tick the fleet is
/// re-listed when due, due targets become polls (never more than `concurrency` in flight, never
/// two for one target), and the fleet is judged (picture, history, alerts) every
/// `judgeInterval`; outcomes are recorded and reschedule their target.
public enum FleetWatch {
    /// Points per chute asked of a source's history for the overview's trend column.
    public static let overviewTrendPoints = 120

    public static func update(_ s: inout FleetWatchState, _ message: FleetWatchMessage) -> [FleetWatchCommand] {
        switch message {
        case .listed(let fleet, let now):
            s.listing = false
            s.take(fleet)
            s.observations.update(fleet)
            s.review.observe(listing: fleet, at: now)
            s.schedule.sync(targets: s.plan.targets(for: fleet, intervals: s.schedule.intervals), now: now) { s.random.next() }
            var commands = polls(&s, now: now)
            if s.plan.history && !s.backfilledFleet && !fleet.chutes.isEmpty {
                s.backfilledFleet = true
                commands.append(.backfill(HistoryRequest(chutes: nil, series: [.requestRate], start: now - s.history.recentSpan, end: now,
                                                         step: s.history.recentSpan / Double(overviewTrendPoints))))
            }
            return commands
        case .chartsWanted(let chute, let points, let now):
            guard s.plan.history, let chute else { return [] }
            let step = max(s.history.resolution, (s.history.recentSpan / Double(max(1, points))).rounded(.up))
            guard (s.backfilledSteps[chute] ?? .infinity) > step else { return [] }
            s.backfilledSteps[chute] = step
            return [.backfill(HistoryRequest(chutes: [chute], series: FleetHistory.ChuteSeries.allCases, start: now - s.history.recentSpan,
                                             end: now, step: step))]
        case .backfilled(let b, _):
            for series in b.series { s.history.backfill(chute: series.chute, series.series, series.points) }
            s.historyProblem = b.problems.isEmpty ? nil : b.problems.joined(separator: "; ")
            return []
        case .polled(let target, let reading, let at):
            s.inFlight -= 1
            if let key = target.instance {
                let before = s.observations.instances[key]?.record(target.kind)
                s.observations.record(reading, kind: target.kind, for: key, at: at)
                s.review.observe(reading, kind: target.kind, of: key, at: at)
                // A target's first answer, or one that starts or stops failing, is judged at
                // the next tick (within a second), not at the next judgement (a metrics
                // interval away): its figures, error and target-down show within its deadline
                // + 1 s. Coalesced, so a fleet failing at once is judged once.
                if let before, before.lastAttempt == nil || (before.consecutiveFailures > 0) == reading.succeeded {
                    s.nextJudgement = min(s.nextJudgement ?? at, at)
                }
            } else {
                s.observations.recordFleetWide(reading, kind: target.kind, at: at)
            }
            s.schedule.finished(target, succeeded: reading.succeeded, now: at, unit: s.random.next())
            if target.kind == .metrics && reading.succeeded { s.scrapes += 1 }
            if !reading.succeeded { s.failedPolls += 1 }
            // A fleet-wide answer changes every chute at once (a few a minute): judge it now
            // rather than at the next judgement, so the first frame with figures does not wait
            // a whole judge interval (the metrics interval) after they arrived.
            if target.instance == nil { judge(&s, now: at) }
            return polls(&s, now: at)
        case .alertHandled(let id, let acknowledged, let until, let note, let at):
            guard let alert = s.alerts.alerts[id] else { return [] }
            if acknowledged { s.alerts.acknowledge(id) }
            if let until { s.alerts.snooze(id, until: until) }
            s.alertList = s.alerts.sorted
            s.timeline.record(FleetEvent(time: at, chute: alert.chute, instance: alert.instance,
                                         kind: .alertHandled(id: id, acknowledged: acknowledged, snoozedUntil: until, note: note)))
            return []
        case .noted(let event):
            s.timeline.record(event)
            return []
        case .alertmanagerRead(let reading, let at):
            s.readingAlertmanager = false
            s.alertmanager.record(reading, at: at)
            return []
        case .tick(let now):
            var commands: [FleetWatchCommand] = []
            if now >= s.nextDiscovery && !s.listing {
                s.listing = true
                s.nextDiscovery = now + s.discoveryInterval
                commands.append(.list)
            }
            if let interval = s.alertmanagerInterval, now >= s.nextAlertmanagerRead, !s.readingAlertmanager {
                s.readingAlertmanager = true
                s.nextAlertmanagerRead = now + interval
                commands.append(.readAlertmanager)
            }
            if now >= s.nextJudgement ?? now + s.judgeInterval {
                judge(&s, now: now)
            }
            if s.nextJudgement == nil { s.nextJudgement = now + s.judgeInterval }
            return commands + polls(&s, now: now)
        }
    }

    /// When the next tick is needed (the earliest of a due poll, a judgement, a listing).
    public static func nextWake(_ s: FleetWatchState) -> Double? {
        [s.schedule.nextWake, s.nextJudgement, s.listing ? nil : s.nextDiscovery,
         s.alertmanagerInterval == nil || s.readingAlertmanager ? nil : s.nextAlertmanagerRead].compactMap { $0 }.filter(\.isFinite).min()
    }

    /// Judges the fleet now: a picture with the poll breakers, history, alerts, and what
    /// changed since the last judgement in the event log.
    public static func judge(_ s: inout FleetWatchState, now: Double) {
        s.nextJudgement = now + s.judgeInterval
        var picture = s.observations.picture(at: now)
        picture.showBreakers(s.schedule)
        s.history.record(picture)
        s.review.observe(picture)
        let before = s.alerts.alerts
        // While a fleet-wide source gets no answer, the rules are not judged: its figures are
        // only going stale, and firing alerts are held rather than resolved on no evidence
        // (the banner says the source is failing, with its age).
        if !s.observations.sourceProblems.contains(where: { !$0.partial }) { s.alerts.evaluate(picture) }
        s.timeline.observe(picture)
        for event in alertEvents(before, s.alerts.alerts, now: now) { s.timeline.record(event) }
        s.picture = picture
        s.totals = FleetTotals(picture)
        s.alertList = s.alerts.sorted
        s.chuteIndex.removeAll(keepingCapacity: true)
        for (k, c) in picture.chutes.enumerated() where s.chuteIndex[c.name] == nil { s.chuteIndex[c.name] = k }
    }

    /// Alerts opened (pending or firing at once), fired and resolved between two evaluations.
    static func alertEvents(_ before: [String: Alert], _ after: [String: Alert], now: Double) -> [FleetEvent] {
        after.values.sorted { $0.id < $1.id }.compactMap { a in
            guard before[a.id]?.state != a.state else { return nil }
            if a.state == .resolved && before[a.id] == nil { return nil }
            return FleetEvent(time: now, chute: a.chute, instance: a.instance,
                              kind: .alert(id: a.id, rule: a.rule, severity: a.severity, state: a.state, summary: a.summary))
        }
    }

    private static func polls(_ s: inout FleetWatchState, now: Double) -> [FleetWatchCommand] {
        let due = s.schedule.takeDue(now: now, limit: s.concurrency - s.inFlight)
        s.inFlight += due.count
        return due.map { .poll($0, s.inventory) }
    }
}

extension FleetPicture {
    /// Fills in each probe's poll breaker from the schedule.
    mutating func showBreakers(_ schedule: PollSchedule) {
        for c in chutes.indices {
            for i in chutes[c].instances.indices {
                let key = InstanceKey(chute: chutes[c].name, instance: chutes[c].instances[i].id)
                chutes[c].instances[i].health.pollBreaker = schedule.breaker(PollTarget(key, .health))?.state
                chutes[c].instances[i].ready.pollBreaker = schedule.breaker(PollTarget(key, .ready))?.state
                chutes[c].instances[i].metrics.pollBreaker = schedule.breaker(PollTarget(key, .metrics))?.state
            }
        }
    }
}
