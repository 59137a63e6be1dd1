import Dashboard
import Foundation
import Ingest
import Monitoring
import Synchronization

/// Performs the dashboard's commands against a fleet source: listings and polls for the fleet
/// watch, the clock, log streams (one stream of lines at a time, delivered in batches so a fast
/// stream costs the loop a few messages a second), and raw metrics pages.
public final class DashboardEffects: EffectPerformer {
    let sources: FleetSources
    let names: MetricNames
    let clock: WallClock
    private let logs = Mutex<Task<Void, Never>?>(nil)
    /// Lines held between deliveries; beyond this the oldest are dropped and counted.
    let batchLimit: Int
    /// How often a stream's lines are delivered.
    let batchInterval: Duration

    /// Carries out confirmed actions (nil: this dashboard runs none).
    let runner: ActionRunner?
    let reason: String?
    /// The context's timeline file (nil: none is kept).
    let timeline: TimelineStore?
    /// Writes an incident's handoff; answers the problem, nil when written (the composition
    /// root says how a report is built and said).
    public typealias IncidentExporter = @Sendable (IncidentExportRequest) async -> String?
    let exportIncident: IncidentExporter?

    public init(sources: FleetSources, names: MetricNames, runner: ActionRunner? = nil, reason: String? = nil,
                clock: WallClock = .system, timeline: TimelineStore? = nil, exportIncident: IncidentExporter? = nil,
                batchLimit: Int = LogBuffer.defaultCapacity, batchInterval: Duration = .milliseconds(50)) {
        self.timeline = timeline
        self.exportIncident = exportIncident
        self.sources = sources
        self.clock = clock
        self.runner = runner
        self.reason = reason
        self.names = names
        self.batchLimit = batchLimit
        self.batchInterval = batchInterval
    }

    public func perform(_ command: DashboardCommand, deliver: @escaping @Sendable (DashboardMessage) -> Void) async {
        switch command {
        case .watch(let command):
            deliver(.watch(await PollRound.carryOut(command, sources, names, clock: clock)))
        case .wake(let after):
            if after > 0 { try? await Task.sleep(for: .milliseconds(Int(after * 1000))) }
            if !Task.isCancelled { deliver(.woke(now: clock.now())) }
        case .followLogs(let stream, let instances, let inventory, let backfill):
            let task = Task { await follow(stream: stream, instances, inventory, backfill: backfill, deliver: deliver) }
            logs.withLock { $0?.cancel(); $0 = task }
            await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        case .stopLogs:
            logs.withLock { $0?.cancel(); $0 = nil }
        case .runAction(let prepared, let dryRun):
            guard let runner else {
                deliver(.actionFinished(prepared, ActionOutcome(succeeded: false, detail: "refused: this dashboard runs no actions", duration: 0)))
                return
            }
            let progress: @Sendable (String) -> Void = { deliver(.actionProgress(prepared.target, action: prepared.action, $0)) }
            deliver(.actionFinished(prepared, await runner.run(prepared, dryRun: dryRun, reason: reason, progress: progress)))
        case .loadAudit:
            if let runner { deliver(.auditLoaded(runner.audit.recent())) }
        case .persistTimeline(let records):
            do { try timeline?.append(records) } catch { deliver(.timelineProblem("\(error)")) }
        case .exportIncident(let request):
            let problem = await exportIncident?(request) ?? (exportIncident == nil ? "this dashboard cannot export incidents" : nil)
            deliver(.incidentExported(path: request.path, problem: problem))
        case .fetchRawMetrics(let key, let inventory):
            do {
                let page = try await sources.readings.rawMetrics(of: key, in: inventory)
                deliver(.rawMetrics(key, .success(RawMetricsPage(page, time: clock.now()))))
            } catch {
                deliver(.rawMetrics(key, .failure(RawMetricsFailure("\(error)"))))
            }
        }
    }

    /// Reads every instance's stream at once into one batch, delivered every `batchInterval`.
    private func follow(stream: Int, _ instances: [InstanceKey], _ inventory: FleetInventory, backfill: Int,
                        deliver: @escaping @Sendable (DashboardMessage) -> Void) async {
        let batch = LogBatch(limit: batchLimit)
        await withTaskGroup(of: Void.self) { group in
            for key in instances {
                group.addTask { [sources] in
                    do {
                        for try await entry in sources.readings.logs(of: key, in: inventory, backfill: backfill) {
                            batch.add(LogArrival(instance: key.instance, entry: entry))
                        }
                        if !Task.isCancelled { deliver(.logProblem(stream: stream, instance: key.instance, message: "the log stream ended")) }
                    } catch {
                        if !Task.isCancelled { deliver(.logProblem(stream: stream, instance: key.instance, message: "\(error)")) }
                    }
                }
            }
            group.addTask { [batchInterval] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: batchInterval)
                    let (lines, dropped) = batch.take()
                    if !lines.isEmpty || dropped > 0 { deliver(.logLines(stream: stream, lines, dropped: dropped)) }
                }
            }
            await group.waitForAll()  // until cancelled (stopLogs, or the dashboard ends)
        }
    }
}

/// Lines waiting for delivery; keeps the newest `limit`.
private final class LogBatch: Sendable {
    private let state = Mutex<(lines: [LogArrival], dropped: Int)>(([], 0))
    let limit: Int
    init(limit: Int) { self.limit = limit }

    func add(_ line: LogArrival) {
        state.withLock {
            $0.lines.append(line)
            if $0.lines.count > 2 * limit {
                $0.dropped += $0.lines.count - limit
                $0.lines.removeFirst($0.lines.count - limit)
            }
        }
    }

    func take() -> ([LogArrival], Int) {
        state.withLock { s in
            defer { s = ([], 0) }
            let extra = max(0, s.lines.count - limit)
            return (Array(s.lines.suffix(limit)), s.dropped + extra)
        }
    }
}

extension RawMetricsPage {
    /// Groups a parsed page's samples under their families, as exposed.
    init(_ page: ExpositionPage, time: Double) {
        let clean = TerminalSanitizer.sanitize as (String) -> String
        var families = page.families.map { Family(name: clean($0.name), type: $0.type.rawValue, help: clean($0.help ?? ""), samples: []) }
        var orphans: [String: Int] = [:]
        for sample in page.samples {
            let labels = sample.labels.isEmpty ? "" : "{" + sample.labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
            let item = Sample(series: clean(sample.name + labels), value: ExpositionText.number(sample.value))
            if families.indices.contains(sample.family), families[sample.family].name.isEmpty == false,
               clean(sample.name).hasPrefix(families[sample.family].name) {
                families[sample.family].samples.append(item)
            } else if let i = orphans[sample.name] {
                families[i].samples.append(item)
            } else {
                orphans[sample.name] = families.count
                families.append(Family(name: clean(sample.name), type: "untyped", help: "", samples: [item]))
            }
        }
        self.init(time: time, families: families.filter { !$0.samples.isEmpty }.sorted { $0.name < $1.name },
                  issues: page.issues.map { clean($0.description) })
    }
}
