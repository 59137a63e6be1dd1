import Monitoring

/// Chutes read directly: per chute, its instances' base URLs (each serving /health, /ready,
/// /metrics and /logs) and/or a control API that lists them and takes actions.
public struct DirectSourceConfig: Sendable, Hashable {
    public struct Instance: Sendable, Hashable {
        public var id: String
        public var url: String
        public init(id: String, url: String) { self.id = id; self.url = url }
    }

    public struct Chute: Sendable, Hashable {
        public var name: String
        public var instances: [Instance]
        /// Overrides the source's control API for this chute.
        public var controlAPI: String?
        public init(name: String, instances: [Instance] = [], controlAPI: String? = nil) {
            self.name = name
            self.instances = instances
            self.controlAPI = controlAPI
        }
    }

    /// Endpoint paths under an instance's base URL.
    public struct Paths: Sendable, Hashable {
        public var health = "/health"
        public var ready = "/ready"
        public var metrics = "/metrics"
        public var logs = "/logs"
        public init() {}
    }

    /// Chutes to watch. With a control API and no chutes listed, every chute it lists.
    public var chutes: [Chute]
    /// Base of the control API (`GET chutes`, `GET chutes/{name}`, `POST chutes/{name}/scale`, …).
    public var controlAPI: String?
    public var paths: Paths
    public var tls: TLSSettings
    public var credentials: CredentialSpec?

    public init(chutes: [Chute] = [], controlAPI: String? = nil, paths: Paths = Paths(), tls: TLSSettings = TLSSettings(),
                credentials: CredentialSpec? = nil) {
        self.chutes = chutes
        self.controlAPI = controlAPI
        self.paths = paths
        self.tls = tls
        self.credentials = credentials
    }
}

/// TLS is verified unless a source says otherwise, explicitly.
public struct TLSSettings: Sendable, Hashable {
    public var insecureSkipVerify: Bool
    public init(insecureSkipVerify: Bool = false) { self.insecureSkipVerify = insecureSkipVerify }
}

/// Where a credential comes from: an environment variable or a file (never the config itself).
public struct CredentialSpec: Sendable, Hashable {
    public enum Scheme: String, Sendable, Hashable { case bearer, basic }
    public enum Secret: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    public var scheme: Scheme
    /// For basic: the user name.
    public var username: String?
    public var secret: Secret

    public init(scheme: Scheme, username: String? = nil, secret: Secret) {
        self.scheme = scheme
        self.username = username
        self.secret = secret
    }
}
