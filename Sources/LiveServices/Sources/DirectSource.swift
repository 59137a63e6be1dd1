import FleetEngine
import Dashboard
import Foundation
import Synchronization
import Ingest
import Monitoring

/// Reads chutes directly: each instance's /health, /ready and /metrics over HTTP (one unit of
/// work per probe per instance), its logs and whole metrics page, and the control API (when
/// configured) for the instance list, scaling figures and actions. The simulator source is
/// this source pointed at the in-process simulator.
public final class DirectSource: InventorySource, ReadingSource, ClosableSource {
    public let kind: String
    public let plan = ReadingPlan.everyInstance
    /// Scale and restarts through the control API, with this source's credential.
    public let control: DirectControlPlane

    let config: DirectSourceConfig
    /// Control API, logs (AsyncHTTPClient: rare or long-lived requests).
    let fetcher: HTTPFetcher
    /// Health, readiness and metrics probes, and the raw metrics page: kept connections.
    let scraper: ScrapeClient
    private let parsers: ParserPool
    private let clock: WallClock

    /// Throws when the credential cannot be read (unset variable, unsafe file).
    /// `metricNames`: the series the digests keep (the parser builds only those families' samples).
    public init(_ config: DirectSourceConfig, settings: PollSettings, metricNames: MetricNames = .standard,
                kind: String = "direct", clock: WallClock = .system) throws(CredentialResolver.Failure) {
        self.config = config
        self.kind = kind
        self.clock = clock
        let names = metricNames
        parsers = ParserPool(options: .init(keepFamily: { ScrapeDigest.derives(fromFamily: $0, names: names) }))
        let authorization = try config.credentials.map { (c) throws(CredentialResolver.Failure) in try CredentialResolver.authorization(c) }
        fetcher = HTTPFetcher(settings: settings, tls: config.tls, authorization: authorization)
        scraper = ScrapeClient(settings: settings, tls: config.tls, authorization: authorization)
        control = DirectControlPlane(endpoint: config.controlAPI, kind: kind, fetcher: fetcher)
    }

    public func shutdown() async {
        await scraper.shutdown()
        await fetcher.shutdown()
    }

    /// A control API that fails keeps what it last listed: its chutes and instances stay (and
    /// are still probed, each figure with its own age), each chute saying the error and when it
    /// was last listed. Only a control API never yet read is a placeholder row. (Before, one
    /// failed listing emptied the fleet and resolved every alert of it: a newcomer's review
    /// stopped a control API for 20 s and saw its seven instances and their alerts vanish.)
    public func inventory() async -> FleetInventory {
        var chutes: [FleetInventory.Chute] = []
        if config.chutes.isEmpty, let api = config.controlAPI {
            do {
                chutes = try ControlAPI.chutes(try await controlGET(api + "/chutes"))
                let at = clock.now()
                lastListed.withLock { $0 = (chutes, at) }
            } catch {
                guard let (last, at) = lastListed.withLock({ $0 }) else {
                    return FleetInventory(chutes: [FleetInventory.Chute(name: "(control API)", instances: [], controlError: "\(error)")])
                }
                return FleetInventory(chutes: last.map { var c = $0; c.controlError = Self.unlisted(error, since: at); return c })
            }
        }
        for c in config.chutes {
            var chute = FleetInventory.Chute(name: c.name, instances: c.instances.map { .init(id: $0.id, baseURL: $0.url) })
            if let api = c.controlAPI ?? config.controlAPI {
                do {
                    let listed = try ControlAPI.chute(try await controlGET(api + "/chutes/" + Self.pathComponent(c.name)))
                    if c.instances.isEmpty { chute.instances = listed.instances }
                    chute.targetInstances = listed.targetInstances
                    chute.minInstances = listed.minInstances
                    chute.maxInstances = listed.maxInstances
                    chute.scalingThreshold = listed.scalingThreshold
                    chute.shutdownAfterSeconds = listed.shutdownAfterSeconds
                    chute.id = listed.id
                    let at = clock.now()
                    lastChutes.withLock { $0[c.name] = (chute, at) }
                } catch {
                    if let (last, at) = lastChutes.withLock({ $0[c.name] }) {
                        chute = last
                        chute.controlError = Self.unlisted(error, since: at)
                    } else {
                        chute.controlError = "\(error)"
                    }
                }
            }
            chutes.append(chute)
        }
        return FleetInventory(chutes: chutes)
    }

    /// The last good listing: the context's (when the control API lists the fleet) and each
    /// configured chute's, with when they were read.
    private let lastListed = Mutex<([FleetInventory.Chute], Double)?>(nil)
    private let lastChutes = Mutex<[String: (FleetInventory.Chute, Double)]>([:])

    static func unlisted(_ error: any Error, since: Double) -> String {
        "\(error); showing its listing of \(ReviewClock.time(since))"
    }

    private func controlGET(_ url: String) async throws -> [UInt8] {
        let r = try await fetcher.get(url, accept: "application/json")
        guard r.status == 200 else {
            throw ControlAPI.Failure(description: "control API answered " + HTTPStatusLine.failure(r.status, contentType: r.contentType, body: r.body).description)
        }
        return r.body
    }

    public func read(_ target: PollTarget, in inventory: FleetInventory, names: MetricNames) async -> SourceReading {
        guard let key = target.instance, let base = Self.baseURL(of: key, in: inventory) else { return .failed("no address for this instance") }
        switch target.kind {
        case .health, .ready:
            let path = target.kind == .health ? config.paths.health : config.paths.ready
            do {
                let started = ContinuousClock.now
                return try await scraper.get(base + path, target: base, accept: "application/json") { head, body in
                    var report = HealthDecoder.decode(statusCode: head.status, body: Array(body))
                    report.answer = ProbeAnswer(path: path, code: head.status, seconds: Self.seconds(since: started), bodyBytes: body.count,
                                                excerpt: TerminalSanitizer.sanitize(String(decoding: body.prefix(80), as: UTF8.self)))
                    // A failing status whose body is no health document (a proxy's HTML error
                    // page, an empty 502) says nothing of the instance's checks: it is a failed
                    // read, with the status line as its reason.
                    if !(200..<400).contains(head.status) && (report.bodyProblem != nil || body.isEmpty) {
                        return .failed(HTTPStatusLine.failure(head.status, contentType: head.contentType, body: Array(body)).description)
                    }
                    return .report(report)
                }
            } catch {
                return .failed(error.description)
            }
        case .metrics:
            do {
                return try await scraper.get(base + config.paths.metrics, target: base, accept: Self.metricsAccept) { head, body in
                    guard (200..<300).contains(head.status) else {
                        return .failed(HTTPStatusLine.failure(head.status, contentType: head.contentType, body: Array(body)).description)
                    }
                    let received = clock.now()
                    let page = parsers.parse(body, contentType: head.contentType)
                    return .scrape(ScrapeDigest(page: page, time: received, names: names))
                }
            } catch {
                return .failed(error.description)
            }
        }
    }

    public func rawMetrics(of instance: InstanceKey, in inventory: FleetInventory) async throws -> ExpositionPage {
        guard let base = Self.baseURL(of: instance, in: inventory) else { throw FetchError.invalidURL }
        let page = try await scraper.get(base + config.paths.metrics, target: base, accept: Self.metricsAccept) { head, body in
            (200..<300).contains(head.status) ? Result.success(ExpositionParser().parse(body, contentType: head.contentType))
                : .failure(HTTPStatusLine.failure(head.status, contentType: head.contentType, body: Array(body)))
        }
        return try page.get()
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static let metricsAccept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    public func logs(of instance: InstanceKey, in inventory: FleetInventory, backfill: Int) -> LogLines {
        guard let base = Self.baseURL(of: instance, in: inventory) else {
            return LogLines(failing: FetchError.invalidURL)
        }
        return LogStream.open(fetcher: fetcher, url: base + config.paths.logs + "?backfill=\(max(0, backfill))")
    }

    static func baseURL(of key: InstanceKey, in inventory: FleetInventory) -> String? {
        inventory.instance(key)?.baseURL
    }

    static func pathComponent(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? s
    }
}

/// A direct source's control API as a control plane: the built-in scale and restarts (or their
/// reason for being unavailable) and its endpoint, sent with the source's own credential.
public struct DirectControlPlane: ControlPlane {
    public let endpoint: String?
    let kind: String
    let fetcher: HTTPFetcher

    public var catalog: [RunbookAction] { BuiltinActions.catalog(source: kind, controlAPI: endpoint) }

    /// Sends with this plane's credential, only to its own endpoint: a URL whose scheme, host
    /// or port differ (`{{controlAPI}}.evil.example/…`, `{{controlAPI}}@host/…`) is refused.
    public func send(method: String, url: String, headers: [(String, String)], body: String?) async throws(FetchError) -> HTTPFetcher.Response {
        guard let endpoint, Self.sameOrigin(url, endpoint) else { throw FetchError.other("refused: \(url) is not at the control API \(endpoint ?? "(none)"); its credential goes nowhere else") }
        return try await fetcher.send(method: method, url: url, headers: headers, body: body)
    }

    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        guard let x = URLComponents(string: a), let y = URLComponents(string: b), x.user == nil, x.password == nil,
              let hx = x.host, let hy = y.host else { return false }
        let port = { (c: URLComponents) in c.port ?? (c.scheme?.lowercased() == "https" ? 443 : 80) }
        return x.scheme?.lowercased() == y.scheme?.lowercased() && hx.lowercased() == hy.lowercased() && port(x) == port(y)
    }
}

extension FleetSources {
    /// One direct source in every role: it lists, reads and performs actions.
    public init(_ direct: DirectSource) {
        self.init(kind: direct.kind, inventory: direct, readings: direct, control: direct.control, closing: [direct])
    }
}
