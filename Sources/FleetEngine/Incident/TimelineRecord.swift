/// One line of a context's persisted timeline: an event, or a chute's minute of traffic.
/// Encoded as `{"e": event}` or `{"m": minute}`.
public enum TimelineRecord: Sendable, Hashable, Codable {
    case event(FleetEvent)
    case minute(ChuteMinute)

    enum CodingKeys: String, CodingKey { case e, m }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let e = try c.decodeIfPresent(FleetEvent.self, forKey: .e) { self = .event(e); return }
        self = .minute(try c.decode(ChuteMinute.self, forKey: .m))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .event(let e): try c.encode(e, forKey: .e)
        case .minute(let m): try c.encode(m, forKey: .m)
        }
    }

    /// When it happened (a minute: its start).
    public var time: Double {
        switch self {
        case .event(let e): e.time
        case .minute(let m): m.minute
        }
    }
}
