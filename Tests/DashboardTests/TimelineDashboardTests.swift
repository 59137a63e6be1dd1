import Dashboard
import FleetEngine
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// The incident timeline in the dashboard's `update`: notes on what is selected, incidents
/// started and ended from the palette, what is handed to the shell to persist, the view's
/// filters, and a restart that takes the timeline back with its acknowledgements.
@Suite(.lane(.compute)) struct TimelineDashboardTests {
    func press(_ s: inout FleetDashboardState, _ keys: Key...) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    func type(_ s: inout FleetDashboardState, _ text: String) -> [FleetDashboard.Effect] {
        text.flatMap { FleetDashboard.update(&s, .keyPressed(.character($0))) }
    }

    func palette(_ s: inout FleetDashboardState, _ command: String) -> [FleetDashboard.Effect] {
        press(&s, .character(":")) + type(&s, command) + press(&s, .enter)
    }

    /// A fixture state whose timeline is persisted from now on (as after a start with an
    /// empty timeline file).
    func persisting() -> FleetDashboardState {
        var s = FleetFixture.state()
        let before = s.watch.timeline.events.count
        s.restoreTimeline([], skippedLines: 0)
        #expect(s.watch.timeline.events.count == before)
        return s
    }

    func persisted(_ effects: [FleetDashboard.Effect]) -> [TimelineRecord] {
        effects.flatMap { effect -> [TimelineRecord] in
            if case .perform(.persistTimeline(let records)) = effect { records } else { [] }
        }
    }

    func notes(_ records: [TimelineRecord]) -> [FleetEvent] {
        records.compactMap { if case .event(let e) = $0, case .note = e.kind { e } else { nil } }
    }

    @Test func aNoteGoesOnWhatIsSelectedAndIsHandedOverToPersist() throws {
        var s = persisting()
        var effects = press(&s, .character("i"))
        effects += type(&s, "failing over the database")
        effects += press(&s, .enter)
        var note = try #require(notes(persisted(effects)).first)
        #expect(note.chute == "llama-3.1-70b-instruct" && note.instance == nil)
        #expect(note.kind == .note(text: "failing over the database"))
        // In the instance view: on the instance.
        _ = press(&s, .enter, .enter)
        #expect(s.page == .instance(InstanceKey(chute: "llama-3.1-70b-instruct", instance: "i-1")))
        effects = press(&s, .character("i")) + type(&s, "restarted by hand") + press(&s, .enter)
        note = try #require(notes(persisted(effects)).first)
        #expect(note.instance == "i-1")
        // Esc cancels; an empty note is not kept.
        effects = press(&s, .character("i")) + type(&s, "never mind") + press(&s, .escape)
        effects += press(&s, .character("i"), .enter)
        #expect(notes(persisted(effects)).isEmpty)
        #expect(s.message == "an empty note is not kept")
        // The palette's `note TEXT` does the same.
        effects = palette(&s, "note db is back")
        #expect(notes(persisted(effects)).first?.kind == .note(text: "db is back"))
    }

    @Test func noteTextIsCleanedOfControlCharacters() {
        #expect(NoteText.clean("a\u{1B}[31mred\u{07}\n  next\u{200B}line ") == "a [31mred next line")
        #expect(NoteText.clean(String(repeating: "x", count: 900)).count == NoteText.limit)
        #expect(NoteText.clean(" \t\n ").isEmpty)
    }

    @Test func incidentsStartAndEndFromThePalette() throws {
        var s = persisting()
        var effects = palette(&s, "incident start database down in eu")
        let open = try #require(s.journal.openIncident)
        #expect(open.title == "database down in eu")
        #expect(persisted(effects).contains { if case .event(let e) = $0, case .incidentStarted(open.id, _) = e.kind { true } else { false } })
        _ = palette(&s, "incident start another")
        #expect(s.message.contains("is open: end it first"))
        effects = palette(&s, "incident export /tmp/handoff.md")
        let request = try #require(effects.compactMap { if case .perform(.exportIncident(let r)) = $0 { r } else { nil } }.first)
        #expect(request.path == "/tmp/handoff.md" && request.context == "staging" && request.selection == .latest)
        #expect(request.firing.allSatisfy { $0.state == .firing } && !request.firing.isEmpty)
        _ = palette(&s, "incident end")
        #expect(s.journal.openIncident == nil)
        #expect(s.journal.incidents.last?.end == s.now)
        _ = palette(&s, "incident end")
        #expect(s.message == "no incident is open")
        _ = palette(&s, "incident start  ")
        #expect(s.message.contains("needs a title"))
    }

    @Test func withoutATimelineFileNothingIsPersistedOrExported() {
        var s = FleetFixture.state()
        let effects = press(&s, .character("i")) + type(&s, "x") + press(&s, .enter) + palette(&s, "incident export /tmp/x.md")
        #expect(persisted(effects).isEmpty)
        #expect(s.message == "this dashboard keeps no timeline file to export")
    }

    @Test func closedMinutesOfTrafficArePersistedBesideTheEvents() throws {
        var s = persisting()
        _ = FleetDashboard.update(&s, .resized(Size(width: 80, height: 24)))
        FleetWatch.judge(&s.watch, now: s.now + 60)
        let records = persisted(FleetDashboard.update(&s, .resized(Size(width: 80, height: 24))))
        let minutes = records.compactMap { if case .minute(let m) = $0 { m } else { nil } }
        #expect(Set(minutes.map(\.chute)) == Set(s.picture!.chutes.map(\.name)))
        let llama = try #require(minutes.first { $0.chute == "llama-3.1-70b-instruct" })
        #expect(llama.minute.truncatingRemainder(dividingBy: 60) == 0)
        #expect((llama.requestRate ?? 0) > 0)
        // At the end, the minute in progress is kept too (and nothing is handed over twice).
        _ = FleetWatch.update(&s.watch, .noted(FleetEvent(time: s.now, chute: "", kind: .note(text: "last words"))))
        let closing = FleetDashboard.closingRecords(&s)
        #expect(notes(closing).map(\.kind) == [.note(text: "last words")])
        let last = closing.compactMap { if case .minute(let m) = $0 { m } else { nil } }
        #expect(Set(last.map(\.minute)) == [llama.minute + 60])
        #expect(FleetDashboard.closingRecords(&s).isEmpty)
    }

    @Test func aRestartTakesBackTheNotesAndAcknowledgements() throws {
        var first = persisting()
        _ = press(&first, .character("A"))
        let alert = first.watch.alerts.sorted[0]
        var effects = press(&first, .character("a")) + type(&first, "on it") + press(&first, .enter)
        effects += press(&first, .character("i")) + type(&first, "paged the db team") + press(&first, .enter)
        let events = persisted(effects).compactMap { if case .event(let e) = $0 { e } else { nil } }
        #expect(events.count == 2)

        var second = FleetFixture.state()
        #expect(second.watch.alerts.alerts[alert.id]?.acknowledged == false)
        second.restoreTimeline(events, skippedLines: 1)
        #expect(second.watch.alerts.alerts[alert.id]?.acknowledged == true)
        #expect(second.alertList.first { $0.id == alert.id }?.acknowledged == true)
        #expect(second.message == "timeline: 1 damaged line skipped")
        _ = press(&second, .character("T"))
        #expect(second.page == .timeline(nil))
        let shown = FleetDashboard.timelineEntries(second, chute: nil, kind: nil)
        #expect(shown.prefix(2).map(\.kind) == [.note(text: "paged the db team"),
                                                .alertHandled(id: alert.id, acknowledged: true, snoozedUntil: nil, note: "on it")])
        // Taken back, not handed over again.
        #expect(persisted(press(&second, .down)).isEmpty)
    }

    @Test func theTimelineViewFiltersByKindAndChute() {
        var s = FleetFixture.state()
        _ = press(&s, .character("T"))
        #expect(s.page == .timeline(nil))
        let all = FleetDashboard.timelineEntries(s, chute: nil, kind: nil)
        #expect(Set(all.map(\.category)).isSuperset(of: [.alerts, .breakers]))
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.time >= $1.time }, "newest first")
        _ = press(&s, .character("t"))
        #expect(s.journal.kind == .alerts)
        _ = press(&s, .character("t"))
        #expect(s.journal.kind == .breakers)
        #expect(FleetDashboard.timelineEntries(s, chute: nil, kind: s.journal.kind).allSatisfy { $0.category == .breakers })
        _ = press(&s, .character("c"))
        #expect(s.page == .timeline("llama-3.1-70b-instruct"))
        #expect(FleetDashboard.timelineEntries(s, chute: "llama-3.1-70b-instruct", kind: nil).allSatisfy { $0.chute == "llama-3.1-70b-instruct" || $0.chute.isEmpty })
        _ = press(&s, .character("c"))
        #expect(s.page == .timeline(nil))
        // From a chute's view, T opens that chute's timeline.
        _ = press(&s, .escape, .enter, .character("T"))
        #expect(s.page == .timeline("llama-3.1-70b-instruct"))
    }
}
