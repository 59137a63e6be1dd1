import Monitoring

/// An incident as its timeline says: started with a title (`:incident start TITLE`), ended
/// or still open. Its span is what a handoff covers.
public struct Incident: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var start: Double
    /// nil while it is open.
    public var end: Double?

    public init(id: String, title: String, start: Double, end: Double? = nil) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
    }

    /// The incidents of a timeline (oldest first), in the order they were started.
    public static func all(in events: some Sequence<FleetEvent>) -> [Incident] {
        var found: [Incident] = []
        for e in events {
            switch e.kind {
            case .incidentStarted(let id, let title):
                found.append(Incident(id: id, title: title, start: e.time))
            case .incidentEnded(let id):
                if let i = found.lastIndex(where: { $0.id == id && $0.end == nil }) { found[i].end = e.time }
            default:
                break
            }
        }
        return found
    }

    /// The id an incident started at `time` gets: its UTC minute (`20261130-0314`), with a
    /// suffix if one of `taken` has it already.
    public static func newID(at time: Double, taken: Set<String>) -> String {
        let base = RFC3339.compactMinute(time)
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        return id
    }
}

extension RFC3339 {
    /// `20261130-0314`: a UTC minute as an incident's id.
    public static func compactMinute(_ seconds: Double) -> String {
        String(format(seconds.rounded(.down)).prefix(16).filter { $0 != "-" && $0 != ":" }.map { $0 == "T" ? "-" : $0 })
    }

    /// `03:14:05`: a UTC time of day.
    public static func clock(_ seconds: Double) -> String {
        String(format(seconds.rounded(.down)).dropFirst(11).prefix(8))
    }
}

/// Which span a handoff covers: an incident by id, the last so many seconds, or (neither
/// given) the open incident, else the latest one, else the last hour.
public enum IncidentSelection: Sendable, Hashable {
    case incident(String)
    case since(Double)
    case latest

    /// The span chosen among `incidents` at `now`: its title, start, end (nil: still open)
    /// and the incident, if it is one; nil when the id names none.
    public func span(in incidents: [Incident], now: Double) -> (title: String, start: Double, end: Double?, incident: Incident?)? {
        switch self {
        case .incident(let id):
            guard let i = incidents.last(where: { $0.id == id }) else { return nil }
            return (title: i.title, start: i.start, end: i.end, incident: Optional(i))
        case .since(let seconds):
            return (title: "the last \(Self.duration(seconds))", start: now - seconds, end: nil, incident: nil)
        case .latest:
            if let i = incidents.last(where: { $0.end == nil }) ?? incidents.last { return (title: i.title, start: i.start, end: i.end, incident: Optional(i)) }
            return IncidentSelection.since(3600).span(in: incidents, now: now)
        }
    }

    /// `90m` → "1h30m", `3600` → "1h".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        return [h > 0 ? "\(h)h" : "", m > 0 ? "\(m)m" : "", r > 0 || s == 0 ? "\(r)s" : ""].joined()
    }
}
