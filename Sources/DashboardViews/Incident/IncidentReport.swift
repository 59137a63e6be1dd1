import FleetEngine
import Monitoring

/// A handoff of one incident (or the last so many minutes) of a context: what is firing now,
/// the timeline over the span, the actions taken with their results, the notes, and per chute
/// the minutes of traffic over the span. Built from the persisted timeline; said as Markdown by
/// `IncidentMarkdown` and as JSON by encoding it.
public struct IncidentReport: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var time: String
        public var epoch: Double
        /// nil: the fleet's own (an incident, a note on the fleet).
        public var chute: String?
        public var instance: String?
        public var kind: String
        public var text: String
    }

    public struct ActionTaken: Sendable, Hashable, Codable {
        public var time: String
        public var action: String
        public var target: String
        public var succeeded: Bool
        public var detail: String
        /// From its audit record, when the timeline kept it.
        public var auditID: String?
        public var user: String?
        public var after: String?
    }

    public struct Note: Sendable, Hashable, Codable {
        public var time: String
        public var on: String
        public var text: String
    }

    public struct FiringAlert: Sendable, Hashable, Codable {
        public var id: String
        public var severity: String
        public var since: String
        public var summary: String
        public var acknowledged: Bool
        public var snoozedUntil: String?
    }

    /// A chute's traffic over the span, one value per minute (nil: no summary of that minute).
    public struct ChuteTraffic: Sendable, Hashable, Codable {
        public var chute: String
        /// The first minute's start (RFC 3339); `requestRate[k]` is minute k after it.
        public var firstMinute: String
        public var requestRate: [Double?]
        public var errorRatio: [Double?]
    }

    /// What is wrong with a request for a report.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var context: String
    public var title: String
    /// The incident's id, when the span is an incident's.
    public var incident: String?
    public var start: String
    /// nil: the incident is still open (the span runs to `generated`).
    public var end: String?
    public var generated: String
    /// The session recording that covers the span, when one is known (omitted otherwise).
    public var recording: String?
    /// Firing now; nil when it could not be read (`firingProblem` says why).
    public var firing: [FiringAlert]?
    public var firingProblem: String?
    public var timeline: [Entry]
    public var actions: [ActionTaken]
    public var notes: [Note]
    public var chutes: [ChuteTraffic]

    /// The report of `selection` from a context's persisted timeline (any order) at `now`, with
    /// what is firing now (nil: unknown, `firingProblem` says why).
    public static func build(context: String, records: [TimelineRecord], selection: IncidentSelection, firing: [Alert]?,
                             firingProblem: String? = nil, now: Double) throws(Problem) -> IncidentReport {
        let ordered = records.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let events = ordered.compactMap { if case .event(let e) = $0 { e } else { nil } }
        let incidents = Incident.all(in: events)
        guard let span = selection.span(in: incidents, now: now) else {
            let known = incidents.suffix(5).map { "\($0.id) (\($0.title))" }.joined(separator: ", ")
            throw Problem(description: "no such incident in context '\(context)'" + (known.isEmpty ? "; none was started (incident start TITLE)" : "; recent: \(known)"))
        }
        let end = span.end ?? now
        let inSpan = events.filter { $0.time >= span.start && $0.time <= end }
        let firingNow = (firing ?? []).filter { $0.state == .firing }
        var report = IncidentReport(
            context: context, title: span.title, incident: span.incident?.id, start: RFC3339.format(span.start),
            end: span.end.map(RFC3339.format), generated: RFC3339.format(now), recording: nil,
            firing: firing.map { _ in firingNow.map(FiringAlert.init) }, firingProblem: firing == nil ? firingProblem ?? "not read" : nil,
            timeline: inSpan.map(Entry.init), actions: [], notes: [], chutes: [])
        for e in inSpan {
            switch e.kind {
            case .action(let name, let succeeded, let detail):
                report.actions.append(ActionTaken(time: RFC3339.format(e.time), action: name, target: target(e), succeeded: succeeded,
                                                  detail: detail, auditID: e.audit?.id, user: e.audit.map { "\($0.user)@\($0.host)" },
                                                  after: e.audit?.after?.said))
            case .note(let text):
                report.notes.append(Note(time: RFC3339.format(e.time), on: e.chute.isEmpty ? "fleet" : target(e), text: text))
            default:
                break
            }
        }
        let affected = Set(inSpan.map(\.chute).filter { !$0.isEmpty } + firingNow.map(\.chute))
        let first = (span.start / 60).rounded(.down) * 60
        let count = max(1, Int(((end - first) / 60).rounded(.down)) + 1)
        var rates: [String: [Double?]] = [:], errors: [String: [Double?]] = [:]
        for case .minute(let m) in ordered where affected.contains(m.chute) && m.minute >= first && m.minute <= end {
            let k = Int((m.minute - first) / 60)
            guard k < count else { continue }
            rates[m.chute, default: Array(repeating: nil, count: count)][k] = m.requestRate
            errors[m.chute, default: Array(repeating: nil, count: count)][k] = m.errorRatio
        }
        report.chutes = affected.sorted().map { c in
            ChuteTraffic(chute: c, firstMinute: RFC3339.format(first), requestRate: rates[c] ?? Array(repeating: nil, count: count),
                         errorRatio: errors[c] ?? Array(repeating: nil, count: count))
        }
        return report
    }

    static func target(_ e: FleetEvent) -> String { e.chute + (e.instance.map { "/" + $0 } ?? "") }
}

extension IncidentReport.Entry {
    init(_ e: FleetEvent) {
        self.init(time: RFC3339.format(e.time), epoch: e.time, chute: e.chute.isEmpty ? nil : e.chute, instance: e.instance,
                  kind: e.category.rawValue, text: EventText.line(e))
    }
}

extension IncidentReport.FiringAlert {
    init(_ a: Alert) {
        self.init(id: a.id, severity: a.severity.rawValue, since: RFC3339.format(a.firedAt ?? a.since), summary: a.summaryAfterID,
                  acknowledged: a.acknowledged, snoozedUntil: a.snoozedUntil.map(RFC3339.format))
    }
}
