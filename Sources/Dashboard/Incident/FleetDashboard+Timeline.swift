import FleetEngine
import Monitoring
import TerminalUI

/// The incident timeline in the dashboard: its view, notes, `:incident start|end|export`, and
/// handing what the engine recorded to the shell to persist.
extension FleetDashboard {
    /// `T`: the timeline of the chute in view (chute, instance and their logs, raw metrics),
    /// else the fleet's.
    static func openTimeline(_ s: inout FleetDashboardState) -> [Effect] {
        if case .timeline = s.page { return [] }
        return open(.timeline(chuteInView(s)), &s)
    }

    /// `c` in the timeline: one chute's entries (the one selected in the overview, else the
    /// newest entry's) or the whole fleet's.
    static func toggleTimelineChute(_ s: inout FleetDashboardState) -> [Effect] {
        guard case .timeline(let chute) = s.page else { return [] }
        let next: String? = chute == nil ? (s.selectedChute ?? timelineEntries(s, chute: nil, kind: s.journal.kind).first { !$0.chute.isEmpty }?.chute) : nil
        if chute == nil && next == nil {
            s.message = "no chute to show alone: select one in the overview"
            return []
        }
        _ = s.pop()
        return open(.timeline(next), &s)
    }

    /// `t` in the timeline: the next kind of entry shown (all, then each kind in turn).
    static func cycleTimelineKind(_ s: inout FleetDashboardState) {
        let all = FleetEvent.Category.allCases
        s.journal.kind = s.journal.kind.map { k in all.firstIndex(of: k).flatMap { $0 + 1 < all.count ? all[$0 + 1] : nil } } ?? all.first
        s.journal.selected = 0
        s.message = "showing " + (s.journal.kind?.rawValue ?? "every kind of entry")
    }

    /// The timeline view's rows, newest first: the chute's entries (and the fleet's own,
    /// such as incidents) or every entry, of one kind or all.
    public static func timelineEntries(_ s: FleetDashboardState, chute: String?, kind: FleetEvent.Category?) -> [FleetEvent] {
        s.fleet.timeline.events.reversed().filter { e in
            (chute == nil || e.chute == chute || e.chute.isEmpty) && (kind == nil || e.category == kind)
        }
    }

    /// The chute the view is about, if it is about one.
    static func chuteInView(_ s: FleetDashboardState) -> String? {
        switch s.page {
        case .chute(let name), .logs(.chute(let name)): name
        case .instance(let key), .metrics(let key), .logs(.instance(let key)): key.chute
        case .timeline(let chute): chute
        case .overview, .alerts, .audit: nil
        }
    }

    /// `i`: a note on what is selected: the instance in view, the chute in view, the selected
    /// alert's chute or instance, the chute selected in the overview; in the fleet's timeline,
    /// the fleet.
    static func startNote(_ s: inout FleetDashboardState) {
        guard !s.replaying else {
            s.message = replayKeepsNothing
            return
        }
        let (chute, instance) = noteTarget(s)
        let on = chute.isEmpty ? "the fleet" : chute + (instance.map { "/" + $0 } ?? "")
        s.overlay = .note(TextInput(prompt: "note on \(on): "), chute: chute, instance: instance)
    }

    static func noteTarget(_ s: FleetDashboardState) -> (chute: String, instance: String?) {
        switch s.page {
        case .overview: return (s.selectedChute ?? s.overviewRows.first?.name ?? "", nil)
        case .chute(let name), .logs(.chute(let name)): return (name, nil)
        case .instance(let key), .metrics(let key), .logs(.instance(let key)): return (key.chute, key.instance)
        case .alerts:
            let alerts = s.alertList
            guard alerts.indices.contains(s.selectedAlert) else { return (s.selectedAlertmanagerAlert?.chute ?? "", nil) }
            return (alerts[s.selectedAlert].chute, alerts[s.selectedAlert].instance)
        case .timeline(let chute): return (chute ?? "", nil)
        case .audit: return ("", nil)
        }
    }

    /// Records a note (cleaned of control characters; an empty one is dropped).
    static func addNote(_ text: String, chute: String, instance: String?, _ s: inout FleetDashboardState) {
        let clean = NoteText.clean(text)
        guard !clean.isEmpty else {
            s.message = "an empty note is not kept"
            return
        }
        record(FleetEvent(time: s.now, chute: chute, instance: instance, kind: .note(text: clean)), &s)
        s.message = "note added to the timeline"
    }

    /// A silence that was created, in the timeline beside its action.
    static func noteSilence(_ s: inout FleetDashboardState, _ prepared: PreparedAction) {
        let value = { (name: String) in prepared.parameters.first { $0.name == name }?.value }
        let until = value("duration").flatMap(SilenceActions.parseDuration).map { s.now + $0 }
        record(FleetEvent(time: s.now, chute: prepared.target.chute, instance: prepared.target.instance,
                          kind: .silenced(matchers: value("matchers") ?? "", until: until)), &s)
    }

    /// `:incident start TITLE`, `:incident end`, `:incident export PATH`.
    static func incidentCommand(_ argument: String, _ s: inout FleetDashboardState) -> [Effect] {
        let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
        let rest = words.count > 1 ? words[1] : ""
        if s.replaying, words.first == "start" || words.first == "end" {
            s.message = replayKeepsNothing
            return []
        }
        switch words.first {
        case "start"?:
            let title = NoteText.clean(rest, limit: 200)
            guard !title.isEmpty else {
                s.message = "incident start needs a title: incident start TITLE"
                return []
            }
            if let open = s.journal.openIncident {
                s.message = "incident \(open.id) (\(open.title)) is open: end it first (incident end)"
                return []
            }
            let id = Incident.newID(at: s.now, taken: Set(s.journal.incidents.map(\.id)))
            record(FleetEvent(time: s.now, chute: "", kind: .incidentStarted(id: id, title: title)), &s)
            s.message = "incident \(id) started: \(title)"
        case "end"?:
            guard let open = s.journal.openIncident else {
                s.message = "no incident is open"
                return []
            }
            record(FleetEvent(time: s.now, chute: "", kind: .incidentEnded(id: open.id)), &s)
            s.message = "incident \(open.id) ended"
        case "export"?:
            let path = String(rest.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard !path.isEmpty else {
                s.message = "incident export needs a file: incident export PATH"
                return []
            }
            guard s.journal.persisting else {
                s.message = "this dashboard keeps no timeline file to export"
                return []
            }
            let firing = s.chuteAlerts.filter { $0.state == .firing }
            s.message = "writing the incident to \(path)…"
            return [.perform(.exportIncident(IncidentExportRequest(path: path, context: s.context.name, selection: .latest,
                                                                   firing: firing, now: s.now)))]
        default:
            s.message = "incident start TITLE, incident end, or incident export PATH"
        }
        return []
    }

    static let replayKeepsNothing = "replay: notes and incidents are not kept (this is a recording; add them on the live dashboard)"

    /// The session is being recorded to `path` (`--record`): said in the timeline, so a
    /// handoff of its span names the recording.
    public static func recordingStarted(_ path: String, _ s: inout FleetDashboardState) {
        record(FleetEvent(time: s.now, chute: "", kind: .recording(path: path)), &s)
    }

    /// An event of the operator's (a note, an incident), through the engine's message so it
    /// is recorded like the rest.
    static func record(_ event: FleetEvent, _ s: inout FleetDashboardState) {
        _ = s.feed(.noted(event))
        s.revision += 1
    }

    /// After every update: the events recorded since the last call and each chute's minutes
    /// of traffic that closed, handed to the shell to append to the timeline file.
    static func journal(_ s: inout FleetDashboardState) -> [Effect] {
        let recorded = s.watch.timeline.recorded
        var records: [TimelineRecord] = []
        if recorded != s.journal.persisted {
            let events = s.watch.timeline.recent(since: s.journal.persisted)
            s.journal.take(events)
            s.journal.persisted = recorded
            records = events.map(TimelineRecord.event)
        }
        guard s.journal.persisting else { return [] }
        if let picture = s.watch.picture, picture.time != s.journal.summarised {
            s.journal.summarised = picture.time
            records += s.journal.minutes.add(picture).map(TimelineRecord.minute)
        }
        return records.isEmpty ? [] : [.perform(.persistTimeline(records))]
    }

    /// When the dashboard ends: what it has not handed over yet, and the minute of traffic in
    /// progress (summed so far), for the shell to append before it closes the context.
    public static func closingRecords(_ s: inout FleetDashboardState) -> [TimelineRecord] {
        guard s.journal.persisting else { return [] }
        let pending: [TimelineRecord] = journal(&s).flatMap { effect -> [TimelineRecord] in
            if case .perform(.persistTimeline(let records)) = effect { records } else { [] }
        }
        return pending + s.journal.minutes.close().map(TimelineRecord.minute)
    }
}

extension FleetDashboardState {
    /// Takes back the context's persisted timeline (oldest first) when the dashboard starts:
    /// events, incidents, acknowledgements and snoozes still in force; from then on what is
    /// recorded is handed to the shell to persist.
    public mutating func restoreTimeline(_ events: [FleetEvent], skippedLines: Int) {
        watch.restore(events)
        journal = TimelineJournal(persisting: true)
        journal.take(events)
        journal.persisted = watch.timeline.recorded
        journal.skippedLines = skippedLines
        if skippedLines > 0 { message = "timeline: \(skippedLines) damaged line\(skippedLines == 1 ? "" : "s") skipped" }
        refresh()
    }
}
