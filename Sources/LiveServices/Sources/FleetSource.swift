import FleetEngine
import Dashboard
import Monitoring

/// Where a fleet's data comes from. A source lists the fleet, answers one probe of one
/// instance, streams an instance's logs, and names the actions it can perform. `direct` (and
/// the simulator, which is read through it) polls each instance over HTTP; a Prometheus source
/// answers `.metrics` with a digest built from PromQL results and `.health` from `up`; the
/// Chutes-platform source lists chutes and instances from its API. Errors come back as
/// outcomes, never thrown: a dead target is data.
public protocol FleetSource: Sendable {
    /// `direct`, `simulator`, `chutes`, `prometheus`.
    var kind: String { get }
    /// The probes this source can answer (health/ready/metrics).
    var probes: Set<ProbeKind> { get }
    /// The built-in actions, each supported or disabled with the reason (BuiltinActions).
    var actions: [RunbookAction] { get }

    /// The fleet now. A control API that cannot be read leaves its chutes with `controlError`.
    func inventory() async -> FleetInventory
    /// One probe of one instance; `names` says which series to keep from a scrape.
    func poll(_ target: PollTarget, in inventory: FleetInventory, names: MetricNames) async -> ProbeOutcome
    /// An instance's whole metrics page, every family parsed (the raw-metrics browser).
    func rawMetrics(of instance: InstanceKey, in inventory: FleetInventory) async throws -> ExpositionPage
    /// An instance's log lines: the last `backfill` lines, then new ones until cancelled.
    func logs(of instance: InstanceKey, in inventory: FleetInventory, backfill: Int) -> AsyncThrowingStream<LogEntry, any Error>
    /// Ends connections; the source is not used afterwards.
    func shutdown() async
}
