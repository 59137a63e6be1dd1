import FleetEngine
import Ingest
import Monitoring

/// Lists the fleet: its chutes, each chute's instances and where they answer, and the scaling
/// figures the control plane knows. A control plane that cannot be read leaves its chutes with
/// `controlError`; it never throws.
public protocol InventorySource: Sendable {
    func inventory() async -> FleetInventory
}

/// Reads the fleet the inventory lists, in units of work it plans itself (`plan`): a direct
/// source polls each instance's /health, /ready and /metrics and answers with a health verdict
/// or a `ScrapeDigest`; a Prometheus source would answer fleet-wide targets with
/// `ComputedFigures` from PromQL; the Chutes platform, utilisation per chute. Errors come back
/// as readings (`.failed`), never thrown: a dead target is data.
public protocol ReadingSource: Sendable {
    var plan: ReadingPlan { get }
    /// One unit of work; `names` says which series to keep from a scrape.
    func read(_ target: PollTarget, in inventory: FleetInventory, names: MetricNames) async -> SourceReading
    /// An instance's whole metrics page, every family parsed (the raw-metrics browser). A source
    /// that has none throws an error that says so; the browser shows it.
    func rawMetrics(of instance: InstanceKey, in inventory: FleetInventory) async throws -> ExpositionPage
    /// An instance's log lines: the last `backfill` lines, then new ones until cancelled. A
    /// source that cannot stream logs fails the stream with a sentence saying so; the logs view
    /// shows it as that instance's problem.
    func logs(of instance: InstanceKey, in inventory: FleetInventory, backfill: Int) -> LogLines
}

/// A source that already holds the fleet's past (Prometheus): the charts are filled from it
/// when the fleet is first listed and when a chute's view opens.
public protocol HistorySource: Sendable {
    func history(_ request: HistoryRequest) async -> HistoryBackfill
}

/// Performs a source's actions: its catalog of built-ins (each supported, or disabled with the
/// reason), the endpoint runbooks address as `{{controlAPI}}`, and its own credential, which is
/// sent with the steps addressed to it and with nothing else.
public protocol ControlPlane: Sendable {
    var endpoint: String? { get }
    var catalog: [RunbookAction] { get }
    func send(method: String, url: String, headers: [(String, String)], body: String?) async throws(FetchError) -> HTTPFetcher.Response
    /// The same, telling `progress` what a long step says while it runs (the Chutes platform's
    /// warm-up stream: "waiting for instances …" until "chute is hot"). By default, `send`.
    func send(method: String, url: String, headers: [(String, String)], body: String?,
              progress: @escaping @Sendable (String) -> Void) async throws(FetchError) -> HTTPFetcher.Response
}

extension ControlPlane {
    public func send(method: String, url: String, headers: [(String, String)], body: String?,
                     progress: @escaping @Sendable (String) -> Void) async throws(FetchError) -> HTTPFetcher.Response {
        try await send(method: method, url: url, headers: headers, body: body)
    }
}

/// Something holding connections, closed when the context is.
public protocol ClosableSource: Sendable {
    func shutdown() async
}
