import FleetEngine
import Monitoring

/// The dashboard's side of the persisted timeline: what has been handed to the shell to
/// append (events past `persisted`, and each chute's closed minutes of traffic), the incident
/// open now, and the timeline view's filters and selection.
public struct TimelineJournal: Sendable {
    /// Whether the shell keeps a timeline file for this context (off: nothing is persisted).
    public var persisting: Bool
    /// `FleetTimeline.recorded` when events were last handed over.
    public var persisted = 0
    var minutes = MinuteSummaries()
    var summarised: Double?
    /// Every incident of the timeline (oldest first), kept as events arrive.
    public internal(set) var incidents: [Incident] = []
    /// The timeline view's kind filter (nil: every kind).
    public var kind: FleetEvent.Category?
    /// The timeline view's selected row (0: the newest).
    public var selected = 0
    /// Lines of the timeline file that could not be read when it was loaded.
    public var skippedLines = 0

    public init(persisting: Bool = false) { self.persisting = persisting }

    /// The incident open now, if one is.
    public var openIncident: Incident? { incidents.last.flatMap { $0.end == nil ? $0 : nil } }

    /// Keeps the incidents list current with events as they are recorded.
    mutating func take(_ events: some Sequence<FleetEvent>) {
        for e in events {
            switch e.kind {
            case .incidentStarted(let id, let title): incidents.append(Incident(id: id, title: title, start: e.time))
            case .incidentEnded(let id):
                if let i = incidents.lastIndex(where: { $0.id == id && $0.end == nil }) { incidents[i].end = e.time }
            default: break
            }
        }
    }
}

/// Operator text (a note, an incident's title): control characters and other invisible
/// format characters removed, runs of whitespace made one space, at most `limit` characters.
public enum NoteText {
    public static let limit = 500

    public static func clean(_ text: String, limit: Int = NoteText.limit) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator:
                space = !out.isEmpty
            case .surrogate, .privateUse, .unassigned:
                continue
            default:
                if space { out.unicodeScalars.append(" ") }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        return String(out.prefix(limit))
    }
}
