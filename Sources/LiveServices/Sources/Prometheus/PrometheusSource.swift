import FleetEngine
import Dashboard
import Foundation
import Ingest
import Monitoring
import Synchronization

/// Reads a fleet from a Prometheus-compatible API: the chutes and instances it has series for
/// (`up`, grouped by the chute and instance labels), each target's health (`up`), and the
/// figures the direct source derives, computed by the server with PromQL over the rate window
/// (`FleetQueries`: a fixed number of queries per refresh whatever the fleet's size), and the
/// charts' history from `query_range`. It has no logs and takes no actions: for those a
/// context pairs it with an inventory source (`sources: {inventory:, metrics:}`).
public final class PrometheusSource: InventorySource, ReadingSource, HistorySource, ClosableSource {
    public let plan: ReadingPlan
    public let queries: FleetQueries
    let config: PrometheusSourceConfig
    /// Worked out once: GPU, breaker and engine samples drop these labels (120,000 samples a
    /// refresh at 10,000 chutes).
    let targetLabels: Set<String>
    let client: PrometheusClient
    private let fetcher: HTTPFetcher
    private let clock: WallClock
    private let rateWindow: Double
    /// The last listing that worked: kept while Prometheus cannot be listed (its readings fail
    /// too, and say so), so a blip does not empty the screen.
    private let lastListing = Mutex<FleetInventory?>(nil)

    /// Prometheus answers are larger than one instance's page: the cap is at least this.
    static let minimumResponseBytes = 256 * 1024 * 1024

    public init(_ config: PrometheusSourceConfig, settings: PollSettings, metricNames: MetricNames = .standard,
                clock: WallClock = .system) throws(CredentialResolver.Failure) {
        self.config = config
        targetLabels = Self.targetLabels(config)
        self.clock = clock
        rateWindow = settings.rateWindow
        queries = FleetQueries(config, names: metricNames, rateWindow: settings.rateWindow)
        plan = ReadingPlan(fleetWide: config.counts.ready == nil ? [.health, .metrics] : [.health, .ready, .metrics], history: true,
                           reviewBlindSpots: Self.reviewBlindSpots)
        var settings = settings
        settings.maxResponseBytes = max(settings.maxResponseBytes, Self.minimumResponseBytes)
        let authorization = try config.credentials.map { (c) throws(CredentialResolver.Failure) in try CredentialResolver.authorization(c) }
        fetcher = HTTPFetcher(settings: settings, tls: config.tls, authorization: authorization)
        client = PrometheusClient(base: config.url, fetcher: fetcher)
    }

    public func shutdown() async { await fetcher.shutdown() }

    /// What the readiness review cannot see through Prometheus.
    static let reviewBlindSpots: [ReviewArea: String] = [
        .probes: "Prometheus says whether it could scrape an instance (up), not what its health and readiness endpoints answer",
        .metricsPage: "Prometheus answers queries, not the instances' pages as written (their types and parse errors)",
        .logs: "Prometheus holds no logs",
    ]

    // MARK: inventory

    public func inventory() async -> FleetInventory {
        let now = clock.now() - config.delay
        let listed: (series: [PrometheusAPI.Series], warnings: [String])
        do {
            listed = try await client.vector(queries.up.promQL, at: now)
        } catch {
            if let last = lastListing.withLock({ $0 }) { return last }
            return FleetInventory(chutes: [FleetInventory.Chute(name: "(prometheus)", instances: [], controlError: error.description)])
        }
        var instances: [String: Set<String>] = [:]
        for s in listed.series {
            guard let chute = s.label(queries.chuteLabel), let id = s.label(queries.instanceLabel) else { continue }
            instances[chute, default: []].insert(id)
        }
        if instances.isEmpty && !listed.series.isEmpty {
            let problem = "Prometheus has \(listed.series.count) targets, none with both labels \(queries.chuteLabel) and \(queries.instanceLabel) "
                + "(set the source's labels and selector)"
            return FleetInventory(chutes: [FleetInventory.Chute(name: "(prometheus)", instances: [], controlError: problem)])
        }
        var counts: [FleetQueries.Query.Figure: [String: Int]] = [:]
        await withTaskGroup(of: (FleetQueries.Query.Figure, [String: Int]).self) { group in
            for q in queries.counts {
                group.addTask { [client, queries] in
                    let series = (try? await client.vector(q.promQL, at: now).series) ?? []
                    var values: [String: Int] = [:]
                    for s in series {
                        guard let chute = s.label(queries.chuteLabel), let v = s.points.first?.value, v.isFinite, v >= 0 else { continue }
                        values[chute] = Int(v.rounded())
                    }
                    return (q.figure, values)
                }
            }
            for await (figure, values) in group { counts[figure] = values }
        }
        let chutes = instances.keys.sorted().map { name in
            FleetInventory.Chute(name: name, instances: instances[name]!.sorted().map { FleetInventory.Instance(id: $0) },
                                 targetInstances: counts[.target]?[name], minInstances: counts[.min]?[name], maxInstances: counts[.max]?[name])
        }
        let inventory = FleetInventory(chutes: chutes)
        lastListing.withLock { $0 = inventory }
        return inventory
    }

    // MARK: readings

    public func read(_ target: PollTarget, in inventory: FleetInventory, names: MetricNames) async -> SourceReading {
        guard target.instance == nil else { return .failed("Prometheus answers for the whole fleet, not one instance") }
        let now = ((clock.now() - config.delay) * 1000).rounded(.down) / 1000
        switch target.kind {
        case .health: return await health(at: now)
        case .ready: return await readiness(at: now)
        case .metrics: return await metrics(at: now, names: names)
        }
    }

    private func health(at now: Double) async -> SourceReading {
        do {
            let (series, warnings) = try await client.vector(queries.up.promQL, at: now)
            let instances = series.compactMap { s -> ComputedFigures.Instance? in
                guard let key = key(s), let up = s.points.first?.value else { return nil }
                let report = up == 1 ? HealthReport(status: .pass)
                    : HealthReport(status: .fail, bodyProblem: "Prometheus could not scrape it (up == \(ExpositionText.number(up)))")
                return ComputedFigures.Instance(key: key, health: report)
            }
            return .figures(ComputedFigures(time: now, span: 0, instances: instances, problems: warnings.map { "up: " + $0 }))
        } catch {
            return .failed(error.description)
        }
    }

    private func readiness(at now: Double) async -> SourceReading {
        guard let q = queries.ready else { return .failed("no readiness expression is configured") }
        do {
            let (series, warnings) = try await client.vector(q.promQL, at: now)
            let instances = series.compactMap { s -> ComputedFigures.Instance? in
                guard let key = key(s), let v = s.points.first?.value else { return nil }
                return ComputedFigures.Instance(key: key, ready: HealthReport(status: v >= 1 ? .pass : .fail,
                                                                            bodyProblem: v >= 1 ? nil : "not ready (\(q.promQL) = \(ExpositionText.number(v)))"))
            }
            return .figures(ComputedFigures(time: now, span: 0, instances: instances, problems: warnings.map { "ready: " + $0 }))
        } catch {
            return .failed(error.description)
        }
    }

    private func metrics(at now: Double, names: MetricNames) async -> SourceReading {
        var answers: [FleetQueries.Query.Figure: [PrometheusAPI.Series]] = [:]
        var problems: [String] = []
        var firstError: String?
        // Each child's answer as a plain struct: in release builds (Swift 6.3.1), children that
        // returned a tuple of the figure and a `Result` with a typed error, made in a
        // `do throws(...)` block, crashed the parent when it hashed the figure it read back.
        await withTaskGroup(of: Answer.self) { group in
            for q in queries.metrics {
                group.addTask { [client] in
                    do { let (series, warnings) = try await client.vector(q.promQL, at: now); return Answer(figure: q.figure, series: series, warnings: warnings) }
                    catch { return Answer(figure: q.figure, failure: "\(error)") }
                }
            }
            for await answer in group {
                if let failure = answer.failure {
                    problems.append("\(answer.figure.rawValue) failed: \(failure)")
                    firstError = firstError ?? failure
                } else {
                    answers[answer.figure] = answer.series
                    problems += answer.warnings.map { "\(answer.figure.rawValue): \($0)" }
                }
            }
        }
        guard !answers.isEmpty else { return .failed(firstError ?? "no query answered") }
        return .figures(figures(answers, at: now, names: names, problems: problems.sorted()))
    }

    /// One query's answer in a refresh: its series and warnings, or why it failed.
    private struct Answer: Sendable {
        var figure: FleetQueries.Query.Figure
        var series: [PrometheusAPI.Series] = []
        var warnings: [String] = []
        var failure: String?
    }

    /// The answers to one refresh's queries as figures per chute and instance. A figure a
    /// query did not answer for a chute (or instance) stays unknown.
    func figures(_ answers: [FleetQueries.Query.Figure: [PrometheusAPI.Series]], at now: Double, names: MetricNames,
                 problems: [String]) -> ComputedFigures {
        var instances: [InstanceKey: ComputedFigures.Instance] = [:]
        var requestRates: [InstanceKey: Double] = [:], errorRates: [InstanceKey: Double] = [:]
        for s in answers[.instanceRequestRate] ?? [] {
            guard let key = key(s), let v = s.points.first?.value, v.isFinite else { continue }
            requestRates[key] = v
        }
        for s in answers[.instanceErrorRate] ?? [] {
            guard let key = key(s), let v = s.points.first?.value, v.isFinite else { continue }
            errorRates[key, default: 0] += v
        }
        // A chute's rates are its instances' sums (as `sum by (chute)` adds the same series);
        // its 5xx ratio is 5xx over all, 0 where no 5xx series answered, unknown without
        // requests (0/0) or when the 5xx query failed.
        let errorsAnswered = answers[.instanceErrorRate] != nil
        var chuteRates: [String: (requests: Double, errors: Double)] = [:]
        for (key, rate) in requestRates {
            let errors = errorRates[key] ?? 0
            chuteRates[key.chute, default: (0, 0)].requests += rate
            chuteRates[key.chute, default: (0, 0)].errors += errors
            instances[key, default: ComputedFigures.Instance(key: key)].requestRate = rate
            if errorsAnswered && rate > 0 { instances[key]!.errorRatio = errors / rate }
        }
        var chutes: [String: ComputedFigures.Chute] = [:]
        for (name, r) in chuteRates {
            chutes[name] = ComputedFigures.Chute(name: name, requestRate: r.requests,
                                                 errorRatio: errorsAnswered && r.requests > 0 ? r.errors / r.requests : nil)
        }
        // Quantiles: histogram_quantile's arithmetic on each chute's bucket rates.
        var buckets: [String: [(upperBound: Double, count: Double)]] = [:]
        for s in answers[.latencyBuckets] ?? [] {
            guard let name = s.label(queries.chuteLabel), let le = s.label("le"), let bound = ScrapeDigest.bound(le),
                  let v = s.points.first?.value else { continue }
            buckets[name, default: []].append((bound, v))
        }
        for (name, b) in buckets {
            let q = { (q: Double) in Self.quantile(q, b) }
            chutes[name, default: ComputedFigures.Chute(name: name)].p50 = q(0.5)
            chutes[name]!.p95 = q(0.95)
            chutes[name]!.p99 = q(0.99)
        }
        // GPUs and breakers: the gauges themselves, read per instance exactly as from a page,
        // without the labels Prometheus and the fleet's selector put on every series.
        for (figure, isGPU) in [(FleetQueries.Query.Figure.gpus, true), (.breakers, false)] {
            var samples: [InstanceKey: [MetricSample]] = [:]
            for s in answers[figure] ?? [] {
                guard let key = key(s), let name = s.label("__name__"), let v = s.points.first?.value else { continue }
                samples[key, default: []].append(MetricSample(name: name, labels: s.labels.filter { !targetLabels.contains($0.name) }, value: v))
            }
            for (key, list) in samples {
                if isGPU {
                    instances[key, default: ComputedFigures.Instance(key: key)].gpus = GPUReading.readings(from: list)
                } else {
                    instances[key, default: ComputedFigures.Instance(key: key)].breakers = BreakerReading.readings(from: list, names: names)
                }
            }
        }
        engineFigures(answers, chutes: &chutes, instances: &instances, names: names, at: now)
        return ComputedFigures(time: now, span: rateWindow, chutes: chutes.keys.sorted().map { chutes[$0]! },
                               instances: instances.keys.sorted().map { instances[$0]! }, problems: problems)
    }

    /// Labels that name where a series was scraped, not what it measures: fixed by the config.
    static func targetLabels(_ config: PrometheusSourceConfig) -> Set<String> {
        var labels: Set<String> = ["__name__", "job", "instance", config.labels.chute, config.labels.instance]
        for matcher in config.selector.split(separator: ",") {
            let name = matcher.prefix { $0 != "=" && $0 != "!" && $0 != "~" }.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { labels.insert(name) }
        }
        return labels
    }

    func key(_ s: PrometheusAPI.Series) -> InstanceKey? {
        guard let chute = s.label(queries.chuteLabel), let id = s.label(queries.instanceLabel) else { return nil }
        return InstanceKey(chute: chute, instance: id)
    }

    // MARK: history

    public func history(_ request: HistoryRequest) async -> HistoryBackfill {
        var series: [HistoryBackfill.Series] = []
        var problems: [String] = []
        await withTaskGroup(of: ([HistoryBackfill.Series], [String]).self) { group in
            for name in request.series {
                group.addTask { [self] in await self.history(of: name, request) }
            }
            for await (found, said) in group {
                series += found
                problems += said
            }
        }
        return HistoryBackfill(request: request, series: series, problems: problems.sorted())
    }

    /// One series' history for every chute asked: its points, or why not (an untyped catch:
    /// see `metrics` on typed throws in task-group children).
    private func history(of name: FleetHistory.ChuteSeries, _ request: HistoryRequest) async -> ([HistoryBackfill.Series], [String]) {
        let reply: PrometheusAPI.Reply
        do {
            reply = try await client.queryRange(queries.history(name, chutes: request.chutes), start: request.start, end: request.end, step: request.step)
        } catch {
            return ([], ["history \(name.rawValue) failed: \(error)"])
        }
        guard case .matrix(let matrix) = reply.result else { return ([], ["history \(name.rawValue): not a range result"]) }
        let found = matrix.compactMap { s -> HistoryBackfill.Series? in
            guard let chute = s.label(queries.chuteLabel) else { return nil }
            return HistoryBackfill.Series(chute: chute, series: name,
                                          points: s.points.filter { $0.value.isFinite }.map { HistoryPoint(time: $0.time, value: $0.value) })
        }
        return (found, reply.warnings.map { "history \(name.rawValue): \($0)" })
    }

    // MARK: what Prometheus does not hold

    /// The instance's series as Prometheus holds them now (every metric with its chute and
    /// instance labels), for the raw-metrics browser.
    public func rawMetrics(of instance: InstanceKey, in inventory: FleetInventory) async throws -> ExpositionPage {
        let matchers = queries.chuteLabel + "=\"" + FleetQueries.quoted(instance.chute) + "\"," + queries.instanceLabel + "=\""
            + FleetQueries.quoted(instance.instance) + "\""
        let (series, _) = try await client.vector(FleetQueries.series("", selector: config.selector, matchers), at: clock.now() - config.delay)
        let samples = series.compactMap { s -> MetricSample? in
            guard let name = s.label("__name__"), let v = s.points.first?.value else { return nil }
            return MetricSample(name: name, labels: s.labels.filter { $0.name != "__name__" }, value: v)
        }.sorted { ($0.name, $0.labels.description) < ($1.name, $1.labels.description) }
        return ExpositionPage(format: .text, samples: samples)
    }

    public func logs(of instance: InstanceKey, in inventory: FleetInventory, backfill: Int) -> LogLines {
        LogLines(failing: PrometheusClient.Failure(description: "Prometheus holds metrics, not logs: read logs from the instances with a direct metrics source"))
    }
}

extension PrometheusAPI.Series {
    func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}
