import Dashboard
import FleetEngine
import Foundation
import Ingest
import Monitoring
import Synchronization

/// A chute owner's account on the Chutes platform (CHUTES-PLATFORM.md): the chutes the key
/// owns (`GET /chutes/`, every page), each instance as active and verified or starting, the
/// platform's utilisation (`GET /chutes/utilization`: request concurrency, not GPU), instance
/// logs (`GET /instances/{id}/logs`, SSE), and warm-up, disable and enable as its control
/// plane. Health and readiness are the listing's `verified` and `active`, so they cost no
/// request of their own. It has no GPU telemetry, no 5xx ratio, no latency and no metrics page:
/// those stay unknown, and say why.
public final class ChutesSource: InventorySource, ReadingSource, ClosableSource {
    public let plan: ReadingPlan
    /// Warm-up, disable and enable, with the account's key.
    public let control: ChutesControlPlane
    let config: ChutesSourceConfig
    let client: ChutesClient
    private let clock: WallClock
    /// The last listing (its chutes as the platform said and when), or why it failed.
    private let listing = Mutex<Listing?>(nil)
    /// Why the account could not be listed, while it never has been (readings say it).
    private let listingError = Mutex<String?>(nil)
    /// The autoscaler's target per chute_id, from the latest utilisation rows.
    private let targets = Mutex<[String: Int]>([:])
    /// Whether utilisation has been read for the targets yet: the first listing reads it
    /// first, so the first frames show T (the target) rather than "—" until the next listing.
    private let targetsRead = Mutex(false)

    struct Listing: Sendable {
        var chutes: [ChutesAPI.Chute]
        var time: Double
        /// A page that failed, or chutes the platform counts but did not list.
        var problem: String?
    }

    /// A page of the listing: the platform allows up to 5000; fewer keeps each answer small.
    public static let defaultPageSize = 500
    let pageSize: Int
    /// The platform's highest page number.
    static let lastPage = 100
    static let gpuUnseen = "the Chutes platform does not expose GPU utilisation (only GPU type and count)"

    /// `environment`: where a `tokenEnv` key is read; `pageSize`: chutes per page of the listing.
    public init(_ config: ChutesSourceConfig, settings: PollSettings, clock: WallClock = .system,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                pageSize: Int = ChutesSource.defaultPageSize) throws(CredentialResolver.Failure) {
        self.config = config
        self.pageSize = pageSize
        self.clock = clock
        plan = ReadingPlan(fleetWide: [.health, .ready, .metrics], gpuUnseen: Self.gpuUnseen, reviewBlindSpots: Self.reviewBlindSpots)
        let key = try CredentialResolver.secret(config.key, environment: environment)
        client = ChutesClient(base: config.url, settings: settings, tls: config.tls, authorization: config.scheme.authorization(key), clock: clock)
        control = ChutesControlPlane(endpoint: config.url, client: client)
    }

    public func shutdown() async { await client.shutdown() }

    // MARK: inventory

    public func inventory() async -> FleetInventory {
        let now = clock.now()
        do {
            let (chutes, problem) = try await listAll()
            listing.withLock { $0 = Listing(chutes: chutes, time: now, problem: problem) }
            listingError.withLock { $0 = nil }
            if !targetsRead.withLock({ $0 }) { _ = await utilization(inventory(of: chutes, problem: problem)) }
            return inventory(of: chutes, problem: problem)
        } catch {
            // The last listing stays on screen, each chute saying why it is not fresh.
            guard let last = listing.withLock({ $0 }) else {
                listingError.withLock { $0 = error.description }
                return FleetInventory(chutes: [FleetInventory.Chute(name: "(chutes platform)", instances: [], controlError: error.description)])
            }
            return inventory(of: last.chutes, problem: "\(error.description) (listed \(Int(now - last.time)) s ago)")
        }
    }

    /// Every page, until the platform's `total` is reached or a page comes back empty.
    private func listAll() async throws(ChutesClient.Failure) -> ([ChutesAPI.Chute], String?) {
        var chutes: [ChutesAPI.Chute] = []
        var total: Int?
        for page in 0...Self.lastPage {
            let body = try await client.get("/chutes/?limit=\(pageSize)&page=\(page)")
            let decoded: ChutesAPI.ChutePage
            do { decoded = try ChutesAPI.chutePage(Data(body)) } catch {
                throw ChutesClient.Failure(description: "the platform's chute list (page \(page)) is not the expected JSON")
            }
            chutes += decoded.items
            total = decoded.total ?? total
            if decoded.items.isEmpty || chutes.count >= (total ?? .max) || decoded.items.count < pageSize { break }
        }
        // Never truncated silently: what the platform counts and did not list is said.
        if let total, chutes.count < total {
            return (chutes, "the platform counts \(total) chutes and listed \(chutes.count)")
        }
        return (chutes, nil)
    }

    /// The chutes `include` names (by name or id), or every one listed.
    func chosen(_ listed: [ChutesAPI.Chute]) -> [ChutesAPI.Chute] {
        config.include.isEmpty ? listed : listed.filter { c in config.include.contains(c.name) || config.include.contains(c.chuteID) }
    }

    /// What the readiness review cannot see through the platform (CHUTES-PLATFORM.md §7).
    static let reviewBlindSpots: [ReviewArea: String] = [
        .probes: "the Chutes platform has no health or readiness path of its own, and an owner cannot reach an instance (a /health cord would be a billable invocation)",
        .metricsPage: "the Chutes platform serves no instance's metrics page to its owner (/_metrics answers only the validator)",
    ]

    func inventory(of listed: [ChutesAPI.Chute], problem: String?) -> FleetInventory {
        let missing = config.include.filter { wanted in !listed.contains { $0.name == wanted || $0.chuteID == wanted } }.map { wanted in
            FleetInventory.Chute(name: wanted, instances: [], controlError: problem ?? "the key's account has no chute named or numbered '\(wanted)'")
        }
        let targets = targets.withLock { $0 }
        let chutes = chosen(listed).map { c in
            var chute = FleetInventory.Chute(
                name: c.name, instances: c.instances.map { i in
                    var instance = FleetInventory.Instance(id: i.instanceID, phase: Self.phase(i))
                    instance.facts = Self.facts(i)
                    return instance
                },
                targetInstances: targets[c.chuteID], maxInstances: c.maxInstances, scalingThreshold: c.scalingThreshold, id: c.chuteID,
                controlError: problem)
            chute.facts = Self.facts(c)
            chute.shutdownAfterSeconds = c.shutdownAfterSeconds.map(Double.init)
            return chute
        }
        return FleetInventory(chutes: chutes + missing)
    }

    /// "ready" when active and verified (routable: the chute is hot with one), else "starting".
    static func phase(_ i: ChutesAPI.Instance) -> String { i.active && i.verified ? "ready" : "starting" }

    /// What the platform says of a chute beyond counts, as the chute view shows it.
    static func facts(_ c: ChutesAPI.Chute) -> [Label] {
        var facts: [Label] = []
        if let hot = c.hot { facts.append(Label("platform", hot ? "hot" : "cold")) }
        let gpus = c.instances.compactMap(\.gpuModel).first ?? (c.supportedGPUs.isEmpty ? nil : c.supportedGPUs.joined(separator: "|"))
        if let count = c.gpuCount ?? c.instances.compactMap(\.gpuCount).first {
            facts.append(Label("GPU type", "\(count) × \(gpus ?? "any")"))
        }
        if let n = c.concurrency { facts.append(Label("concurrency", String(n))) }
        if let s = c.shutdownAfterSeconds { facts.append(Label("shutdown after", "\(s) s idle")) }
        if let p = c.isPublic { facts.append(Label("visibility", p ? "public" : "private")) }
        return facts
    }

    /// What the platform says of an instance: active, verified, region, when last verified,
    /// and its GPUs where the reply names them.
    static func facts(_ i: ChutesAPI.Instance) -> [Label] {
        var facts = [Label("active", i.active ? "yes" : "no"), Label("verified", i.verified ? "yes" : "no"),
                     Label("region", i.region ?? "—"), Label("last verified", i.lastVerifiedAt ?? "—")]
        if let model = i.gpuModel { facts.append(Label("GPU type", "\(i.gpuCount.map(String.init) ?? "?") × \(model)")) }
        return facts
    }

    // MARK: readings

    public func read(_ target: PollTarget, in inventory: FleetInventory, names: MetricNames) async -> SourceReading {
        guard target.instance == nil else { return .failed("the Chutes platform answers for the whole account, not one instance") }
        switch target.kind {
        case .health, .ready: return states(target.kind)
        case .metrics: return await utilization(inventory)
        }
    }

    /// Health (verified by the platform) and readiness (active and verified) from the last
    /// listing, as of when it was listed.
    private func states(_ kind: ProbeKind) -> SourceReading {
        guard let last = listing.withLock({ $0 }) else {
            return .failed(listingError.withLock { $0 }.map { "the account could not be listed: " + $0 } ?? "the account has not been listed yet")
        }
        var instances: [ComputedFigures.Instance] = []
        for c in chosen(last.chutes) {
            for i in c.instances {
                let key = InstanceKey(chute: c.name, instance: i.instanceID)
                if kind == .health {
                    instances.append(ComputedFigures.Instance(key: key, health: i.verified ? HealthReport(status: .pass)
                        : HealthReport(status: .warn, bodyProblem: "starting: the platform has not verified it yet")))
                } else {
                    instances.append(ComputedFigures.Instance(key: key, ready: i.active && i.verified ? HealthReport(status: .pass)
                        : HealthReport(status: .fail, bodyProblem: i.verified ? "verified, not active yet" : "starting: not verified yet")))
                }
            }
        }
        return .figures(ComputedFigures(time: last.time, span: 0, instances: instances, problems: last.problem.map { [$0] } ?? []))
    }

    /// `GET /chutes/utilization`: per chute, its request rate over 5 minutes and how busy its
    /// instances' request slots are; no 5xx ratio, latency or GPU (the platform has none).
    private func utilization(_ inventory: FleetInventory) async -> SourceReading {
        let now = clock.now()
        let rows: [ChutesAPI.Utilization]
        do {
            rows = try ChutesAPI.utilization(Data(try await client.get("/chutes/utilization")))
        } catch let e as ChutesClient.Failure {
            return .failed(e.description)
        } catch {
            return .failed("the platform's utilisation is not the expected JSON")
        }
        let byID = Dictionary(inventory.chutes.compactMap { c in c.id.map { ($0, c.name) } }, uniquingKeysWith: { a, _ in a })
        var chutes: [ComputedFigures.Chute] = []
        var targets: [String: Int] = [:]
        for row in rows {
            guard let name = byID[row.chuteID] else { continue }
            if let t = row.targetCount { targets[row.chuteID] = t }
            let busy = ConcurrencyBusy(current: row.utilizationCurrent, fiveMinutes: row.utilization5m, fifteenMinutes: row.utilization15m,
                                       hour: row.utilization1h, rateLimitedRatio: row.rateLimitRatio5m,
                                       measuredAt: row.timestamp.flatMap(Timestamps.parse))
            chutes.append(ComputedFigures.Chute(name: name, requestRate: row.totalRequests5m.map { $0 / 300 }, busy: busy))
        }
        self.targets.withLock { $0 = targets }
        targetsRead.withLock { $0 = true }
        return .figures(ComputedFigures(time: now, span: 300, chutes: chutes.sorted { $0.name < $1.name }))
    }

    public func rawMetrics(of instance: InstanceKey, in inventory: FleetInventory) async throws -> ExpositionPage {
        throw ChutesClient.Failure(description: "the Chutes platform serves no metrics page of an instance (an owner cannot reach one)")
    }

    public func logs(of instance: InstanceKey, in inventory: FleetInventory, backfill: Int) -> LogLines {
        ChutesLogStream.open(client: client, instance: instance.instance, backfill: max(0, min(10_000, backfill)))
    }
}
