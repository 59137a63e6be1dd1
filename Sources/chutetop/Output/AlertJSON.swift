import Monitoring

/// One entry of the `alerts` array of `snapshot --json` / `check --json`: chutetop's own alert
/// (its fields, `"origin": "chutetop"`) or one of Alertmanager's active alerts
/// (`"origin": "alertmanager"`, with its labels, state and silencedBy).
enum AlertJSON: Encodable {
    case chutetop(Alert)
    case alertmanager(AlertmanagerAlert)

    struct Alertmanager: Encodable {
        var origin = "alertmanager"
        var id: String
        var name: String
        var chute: String?
        /// `severity` as check counts it (the label, or warning when it is missing).
        var severity: String
        var state: String
        var firing: Bool
        var labels: [String: String]
        var summary: String?
        var description: String?
        var silencedBy: [String]
        var inhibitedBy: [String]
        var since: Double?
    }

    private enum Key: String, CodingKey { case origin }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .chutetop(let alert):
            try alert.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("chutetop", forKey: .origin)
        case .alertmanager(let a):
            try Alertmanager(id: a.fingerprint, name: a.name, chute: a.chute, severity: AlertmanagerVerdict.severity(of: a).rawValue,
                             state: a.state.rawValue, firing: a.isFiring, labels: Dictionary(a.labels.map { ($0.name, $0.value) }) { x, _ in x },
                             summary: a.summary, description: a.description, silencedBy: a.silencedBy, inhibitedBy: a.inhibitedBy,
                             since: a.startsAt).encode(to: encoder)
        }
    }
}
