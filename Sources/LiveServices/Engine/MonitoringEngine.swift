import FleetEngine
import Dashboard
import Foundation
import Monitoring
import Synchronization
import SessionRecording

/// Watches a fleet continuously without a screen (`chutetop watch`, the benchmark): the pure
/// `FleetWatch` machine decides, this loop carries out its commands against the source (one
/// child task per listing or poll) and feeds the results back, with a clock tick at the next
/// moment anything is due. Everything stops when the task running `run` is cancelled or
/// `duration` has passed; polls in flight are cancelled with it.
public final class MonitoringEngine: Sendable {
    public struct Report: Sendable {
        public var picture: FleetPicture
        public var alerts: [Alert]
        public var scrapes: Int
        public var failedPolls: Int
        public var historyBytes: Int
        public var historySeries: Int
        /// The watch as it ended (the readiness review reads its evidence).
        public var state: FleetWatchState
    }

    let sources: FleetSources
    let context: ContextConfig
    let discoveryInterval: Double
    let judgeInterval: Double?
    let clock: WallClock

    public init(sources: FleetSources, context: ContextConfig, discoveryInterval: Double = 10, judgeInterval: Double? = nil,
                clock: WallClock = .system) {
        self.sources = sources
        self.clock = clock
        self.context = context
        self.discoveryInterval = discoveryInterval
        self.judgeInterval = judgeInterval
    }

    /// The engine this watches with (`seed`: its jitter's), as a recording's header names it.
    public func setup(seed: UInt64) -> EngineSetup {
        EngineSetup(settings: context.poll, names: context.metricNames, rules: context.alertRules, discoveryInterval: discoveryInterval,
                    judgeInterval: judgeInterval, seed: seed, plan: sources.readings.plan,
                    alertmanagerInterval: sources.alertmanager == nil ? nil : context.alertmanagerInterval)
    }

    /// Runs until cancelled or `duration` seconds; `onJudged` sees every judgement. With a
    /// `recorder`, every message the engine receives is recorded first (`setup` should be the
    /// one its header names). `logsOf`: the instances whose log streams are read while it runs
    /// (each from its listing on, 50 lines of backfill first), their lines given to the watch as
    /// review evidence (not recorded); `relistAtEnd`: list the fleet once more before the
    /// report, so an instance that left in the last seconds is known to have left.
    public func run(duration: Double? = nil, setup: EngineSetup? = nil, recorder: SessionRecorder? = nil,
                    onJudged: @Sendable (Report) -> Void = { _ in },
                    logsOf: (@Sendable (InstanceKey) -> Bool)? = nil, relistAtEnd: Bool = false) async -> Report {
        let clock = self.clock
        let end = duration.map { clock.now() + $0 }
        var state = (setup ?? self.setup(seed: UInt64(clock.now() * 1000))).makeState()
        let update = { (state: inout FleetWatchState, message: FleetWatchMessage) -> [FleetWatchCommand] in
            recorder?.record(message)
            return FleetWatch.update(&state, message)
        }
        let sources = self.sources, names = context.metricNames
        let logs = LogReader(sources: sources, clock: clock)

        await withTaskGroup(of: FleetWatchMessage?.self) { group in
            func perform(_ commands: [FleetWatchCommand]) {
                for command in commands {
                    group.addTask { await PollRound.carryOut(command, sources, names, clock: clock) }
                }
            }
            group.addTask { nil }  // the first tick, at once
            while let message = await group.next() {
                // Once the watch is cancelled, what its work answers is the cancellation (a
                // probe "cancelled", a listing cut short), not the fleet: neither recorded
                // nor judged.
                if Task.isCancelled {
                    group.cancelAll()
                    break
                }
                if let message {
                    if let logsOf, case .listed(let fleet, _) = message { logs.open(fleet, logsOf) }
                    perform(update(&state, message))
                    continue
                }
                for line in logs.drain() { state.observeLog(line.entry, of: line.key, at: line.at) }
                let now = clock.now()
                if Task.isCancelled || end.map({ now >= $0 }) == true {
                    group.cancelAll()
                    break
                }
                let judged = state.picture?.time
                perform(update(&state, .tick(now: now)))
                if state.picture?.time != judged { onJudged(Self.report(state)) }
                let wake = min(FleetWatch.nextWake(state) ?? now + 1, end ?? .infinity)
                let delay = max(0.005, min(1, wake - now))
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                    return nil
                }
            }
        }
        logs.stop()
        for line in logs.drain() { state.observeLog(line.entry, of: line.key, at: line.at) }
        if relistAtEnd, !Task.isCancelled {
            _ = update(&state, await PollRound.carryOut(.list, sources, names, clock: clock))
            FleetWatch.judge(&state, now: clock.now())
        }
        if state.picture == nil { FleetWatch.judge(&state, now: clock.now()) }
        return Self.report(state)
    }

    private static func report(_ s: FleetWatchState) -> Report {
        Report(picture: s.picture ?? FleetPicture(time: 0, chutes: []), alerts: s.alerts.sorted, scrapes: s.scrapes,
               failedPolls: s.failedPolls, historyBytes: s.history.memoryBytes, historySeries: s.history.series.count, state: s)
    }
}

/// The log streams the engine reads for the readiness review: one task per instance, lines
/// kept until the loop drains them (at most `cap` between drains; the oldest beyond are
/// dropped, the lines are evidence, not a record).
final class LogReader: Sendable {
    struct Line: Sendable {
        var key: InstanceKey
        var entry: LogEntry
        var at: Double
    }

    static let cap = 10_000
    static let backfill = 50
    let sources: FleetSources
    let clock: WallClock
    private let lines = Mutex<[Line]>([])
    private let tasks = Mutex<[InstanceKey: Task<Void, Never>]>([:])

    init(sources: FleetSources, clock: WallClock) {
        self.sources = sources
        self.clock = clock
    }

    /// Opens the streams of the listed instances `wanted` accepts that are not open yet.
    func open(_ fleet: FleetInventory, _ wanted: (InstanceKey) -> Bool) {
        for key in fleet.instanceKeys where wanted(key) {
            tasks.withLock { open in
                guard open[key] == nil else { return }
                open[key] = Task { [self] in
                    do {
                        for try await entry in sources.readings.logs(of: key, in: fleet, backfill: Self.backfill) {
                            let line = Line(key: key, entry: entry, at: clock.now())
                            self.lines.withLock { buffer in
                                if buffer.count >= Self.cap { buffer.removeFirst(buffer.count - Self.cap + 1) }
                                buffer.append(line)
                            }
                        }
                    } catch {
                        return  // a stream that fails is no evidence either way
                    }
                }
            }
        }
    }

    func drain() -> [Line] { lines.withLock { buffer in defer { buffer.removeAll() }; return buffer } }

    func stop() { tasks.withLock { open in for t in open.values { t.cancel() } } }
}
