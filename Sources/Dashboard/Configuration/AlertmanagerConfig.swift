/// A context's Alertmanager (`alertmanager: {url: …, auth: …, tls: …}`): its active alerts are
/// shown beside chutetop's own, and silences are actions sent to it, with its own credential.
public struct AlertmanagerConfig: Sendable, Hashable {
    /// Base URL, without a trailing slash (the API is under `/api/v2/`).
    public var url: String
    public var tls: TLSSettings
    public var credentials: CredentialSpec?

    public init(url: String, tls: TLSSettings = TLSSettings(), credentials: CredentialSpec? = nil) {
        self.url = url
        self.tls = tls
        self.credentials = credentials
    }

    /// `alertmanager:` in a context; `auth` and `tls` as for a direct source.
    static func parse(_ node: ConfigNode) throws(ConfigError) -> AlertmanagerConfig {
        let m = try node.mapping(allowed: ["url", "auth", "tls"], required: ["url"])
        var config = AlertmanagerConfig(url: try SourceParser.url(m["url"]!))
        if let n = m["tls"] { config.tls = try SourceParser.tls(n) }
        if let n = m["auth"] { config.credentials = try SourceParser.credentials(n) }
        return config
    }
}

extension ContextConfig {
    /// How often the engine reads Alertmanager's alerts: every health interval (5 s when health
    /// polling is off), at least once a second; nil when the context names no Alertmanager.
    public var alertmanagerInterval: Double? {
        alertmanager.map { _ in max(1, poll.intervals.health > 0 ? poll.intervals.health : 5) }
    }
}
