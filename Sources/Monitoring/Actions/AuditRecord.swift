/// One line of the audit log (JSONL): written before an action is sent (`intent`) and after
/// (`result`, with the state observed after it when the source can read it), sharing an `id`.
/// Requests are recorded as shown; secrets are redacted from every field (`SecretRedactor`).
public struct AuditRecord: Sendable, Hashable, Codable {
    public var id: String
    public var phase: String
    public var time: Double
    public var user: String
    public var host: String
    public var context: String
    public var action: String
    public var target: String
    public var parameters: [String: String]
    public var request: [String]
    public var before: FleetPicture.Counts?
    /// The result's: what the source listed just after the action.
    public var after: ObservedState?
    public var reason: String?
    public var succeeded: Bool?
    public var detail: String?
    public var durationSeconds: Double?

    public init(id: String, phase: String, time: Double, user: String, host: String, prepared: PreparedAction, reason: String?) {
        self.id = id
        self.phase = phase
        self.time = time
        self.user = user
        self.host = host
        context = prepared.target.context
        action = prepared.action
        target = prepared.target.description
        let redactor = prepared.redactor
        parameters = Dictionary(prepared.parameters.map { ($0.name, redactor.redact($0.value)) }, uniquingKeysWith: { a, _ in a })
        request = prepared.shown.flatMap(PreparedAction.describe).map(redactor.redact)
        before = prepared.before
        self.reason = reason.map(redactor.redact)
    }
}
