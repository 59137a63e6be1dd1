import Monitoring

/// `kind: chutes`: a chute owner's account on the Chutes platform, read and acted on through
/// its management API (CHUTES-PLATFORM.md §1-§6) with an API key.
public struct ChutesSourceConfig: Sendable, Hashable {
    /// How the key is sent in `Authorization`. The platform reads the header's last token, so
    /// each works there; `basic` (the CLI's advice, and what private chutes with scoped keys
    /// needed in practice) is the default.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        case basic, bearer, raw

        /// The header's value for `key`.
        public func authorization(_ key: String) -> String {
            switch self {
            case .basic: "Basic " + key
            case .bearer: "Bearer " + key
            case .raw: key
            }
        }
    }

    public static let defaultURL = "https://api.chutes.ai"

    /// The management API's base, without a trailing slash (the simulator's is `{sim}/platform`).
    public var url: String
    /// Where the API key comes from (never the config itself).
    public var key: CredentialSpec.Secret
    public var scheme: Scheme
    /// Chutes to watch, by name or chute_id; empty: every chute the key owns.
    public var include: [String]
    public var tls: TLSSettings

    public init(url: String = ChutesSourceConfig.defaultURL, key: CredentialSpec.Secret, scheme: Scheme = .basic, include: [String] = [],
                tls: TLSSettings = TLSSettings()) {
        self.url = url
        self.key = key
        self.scheme = scheme
        self.include = include
        self.tls = tls
    }

    /// Poll intervals the platform's rate limits allow (about 60 requests a minute per load
    /// balancer, with escalating bans: CHUTES-PLATFORM.md §4.6), used unless `poll:` sets them:
    /// utilisation every 30 s (the platform recomputes it far less often); health and
    /// readiness come from the listing (every 10 s) and cost no request of their own.
    public static let intervals = ProbeIntervals(health: 10, ready: 10, metrics: 30)
}
