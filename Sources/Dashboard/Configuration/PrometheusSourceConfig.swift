/// Figures read from a Prometheus-compatible HTTP API (Prometheus, Thanos query, Mimir with its
/// path prefix, VictoriaMetrics): PromQL over the context's rate window, a fixed number of
/// queries per refresh whatever the fleet's size.
public struct PrometheusSourceConfig: Sendable, Hashable {
    /// Which labels name a chute and an instance on the fleet's series.
    public struct Labels: Sendable, Hashable {
        public var chute = "chute"
        public var instance = "chute_instance"
        public init() {}
    }

    /// PromQL for the scaling figures, each answering one value per chute (a series with the
    /// chute label); `{{chute}}` stands for the chute label's name. An expression that answers
    /// nothing for a chute leaves that figure unknown ("—"), never 0.
    public struct Counts: Sendable, Hashable {
        /// Defaults follow kube-state-metrics: a Deployment or HPA named like the chute.
        public var target: String? = #"max by ({{chute}}) (label_replace(kube_deployment_spec_replicas, "{{chute}}", "$1", "deployment", "(.+)"))"#
        public var min: String? = #"max by ({{chute}}) (label_replace(kube_horizontalpodautoscaler_spec_min_replicas, "{{chute}}", "$1", "horizontalpodautoscaler", "(.+)"))"#
        public var max: String? = #"max by ({{chute}}) (label_replace(kube_horizontalpodautoscaler_spec_max_replicas, "{{chute}}", "$1", "horizontalpodautoscaler", "(.+)"))"#
        /// One value per instance (chute and instance labels): 1 ready, 0 not. None by default:
        /// then readiness is not judged from this source.
        public var ready: String?
        public init() {}
    }

    /// The API's base, path prefix included, without a trailing slash.
    public var url: String
    /// Label matchers every fleet series carries, without braces (`job="chutes"`); empty: none.
    public var selector: String
    public var labels: Labels
    public var counts: Counts
    /// Queries are evaluated this many seconds before now (0 by default): where samples arrive
    /// late (remote write, honoured timestamps), the newest seconds are still filling and an
    /// answer about them changes afterwards. The figures' age includes it.
    public var delay: Double = 0
    public var tls: TLSSettings
    public var credentials: CredentialSpec?

    public init(url: String, selector: String = "", labels: Labels = Labels(), counts: Counts = Counts(), tls: TLSSettings = TLSSettings(),
                credentials: CredentialSpec? = nil) {
        self.url = url
        self.selector = selector
        self.labels = labels
        self.counts = counts
        self.tls = tls
        self.credentials = credentials
    }
}
