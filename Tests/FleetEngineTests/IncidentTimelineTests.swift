import FleetEngine
import Foundation
import Monitoring
import TestLanes
import Testing

/// The incident timeline's pure parts: which acknowledgements and snoozes are still in force
/// after a restart, incidents and their spans, the persisted record's coding, and reading the
/// events recorded since a count.
@Suite(.lane(.compute)) struct IncidentTimelineTests {
    static func alert(_ id: String, _ state: Alert.State, at t: Double) -> FleetEvent {
        FleetEvent(time: t, chute: "llm", kind: .alert(id: id, rule: "breaker-open", severity: .critical, state: state, summary: "open"))
    }

    static func handled(_ id: String, ack: Bool, until: Double? = nil, at t: Double) -> FleetEvent {
        FleetEvent(time: t, chute: "llm", kind: .alertHandled(id: id, acknowledged: ack, snoozedUntil: until, note: nil))
    }

    @Test func anAcknowledgementHoldsUntilItsAlertResolves() {
        let events = [Self.alert("a", .firing, at: 10), Self.handled("a", ack: true, at: 20),
                      Self.alert("b", .firing, at: 10), Self.handled("b", ack: true, at: 20), Self.alert("b", .resolved, at: 30),
                      Self.alert("c", .firing, at: 10), Self.handled("c", ack: false, until: 5000, at: 25), Self.handled("c", ack: true, at: 26)]
        let inForce = FleetWatchState.handlingInForce(events)
        #expect(inForce["a"] == AlertBook.Handling(acknowledged: true, snoozedUntil: nil))
        #expect(inForce["b"] == nil)
        #expect(inForce["c"] == AlertBook.Handling(acknowledged: true, snoozedUntil: 5000))
    }

    @Test func restoredEventsGoBackInTheLogAndCarryTheirHandling() {
        var watch = FleetWatchState(settings: PollSettings(), names: .standard, rules: AlertRule.defaults)
        watch.restore([Self.alert("a", .firing, at: 10), Self.handled("a", ack: true, at: 20)])
        #expect(watch.timeline.events.count == 2)
        #expect(watch.timeline.recorded == 2)
        #expect(watch.alerts.carried["a"]?.acknowledged == true)
    }

    @Test func eventsSinceACountAreTheNewestOnes() {
        var timeline = FleetTimeline()
        for t in 0..<5 { timeline.record(Self.alert("x", .firing, at: Double(t))) }
        #expect(timeline.recent(since: 3).map(\.time) == [3, 4])
        #expect(timeline.recent(since: 5).isEmpty)
    }

    @Test func incidentsAndTheSpanAHandoffCovers() throws {
        let events = [FleetEvent(time: 100, chute: "", kind: .incidentStarted(id: "one", title: "db down")),
                      FleetEvent(time: 200, chute: "", kind: .incidentEnded(id: "one")),
                      FleetEvent(time: 300, chute: "", kind: .incidentStarted(id: "two", title: "latency"))]
        let incidents = Incident.all(in: events)
        #expect(incidents == [Incident(id: "one", title: "db down", start: 100, end: 200), Incident(id: "two", title: "latency", start: 300)])
        let latest = try #require(IncidentSelection.latest.span(in: incidents, now: 400))
        #expect(latest.title == "latency" && latest.start == 300 && latest.end == nil)
        let one = try #require(IncidentSelection.incident("one").span(in: incidents, now: 400))
        #expect(one.start == 100 && one.end == 200)
        #expect(IncidentSelection.incident("nope").span(in: incidents, now: 400) == nil)
        let since = try #require(IncidentSelection.since(5400).span(in: incidents, now: 10_000))
        #expect(since.start == 4600 && since.title == "the last 1h30m")
        let none = try #require(IncidentSelection.latest.span(in: [], now: 10_000))
        #expect(none.start == 6400 && none.incident == nil)
    }

    @Test func anIncidentIsNamedByItsUTCMinute() {
        // 2026-11-30T03:14:05Z
        let t = 1_796_008_445.0
        #expect(RFC3339.format(t) == "2026-11-30T03:14:05Z")
        #expect(Incident.newID(at: t, taken: []) == "20261130-0314")
        #expect(Incident.newID(at: t, taken: ["20261130-0314"]) == "20261130-0314-2")
        #expect(RFC3339.clock(t) == "03:14:05")
    }

    @Test func aRecordIsOneCompactJSONObject() throws {
        let records: [TimelineRecord] = [.event(FleetEvent(time: 5, chute: "llm", instance: "i-1", kind: .note(text: "restarting db"))),
                                         .minute(ChuteMinute(chute: "llm", minute: 60, requestRate: 12.5, errorRatio: nil))]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let minute = String(decoding: try encoder.encode(records[1]), as: UTF8.self)
        #expect(minute == #"{"m":{"c":"llm","r":12.5,"t":60}}"#)
        for r in records {
            #expect(try JSONDecoder().decode(TimelineRecord.self, from: encoder.encode(r)) == r)
        }
    }
}
