import FleetEngine
import Dashboard
import Foundation
import Monitoring
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
    /// one its header names).
    public func run(duration: Double? = nil, setup: EngineSetup? = nil, recorder: SessionRecorder? = nil,
                    onJudged: @Sendable (Report) -> Void = { _ in }) async -> Report {
        let clock = self.clock
        let end = duration.map { clock.now() + $0 }
        var state = (setup ?? self.setup(seed: UInt64(clock.now() * 1000))).makeState()
        let update = { (state: inout FleetWatchState, message: FleetWatchMessage) -> [FleetWatchCommand] in
            recorder?.record(message)
            return FleetWatch.update(&state, message)
        }
        let sources = self.sources, names = context.metricNames

        await withTaskGroup(of: FleetWatchMessage?.self) { group in
            func perform(_ commands: [FleetWatchCommand]) {
                for command in commands {
                    group.addTask { await PollRound.carryOut(command, sources, names, clock: clock) }
                }
            }
            group.addTask { nil }  // the first tick, at once
            while let message = await group.next() {
                if let message {
                    perform(update(&state, message))
                    continue
                }
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
        if state.picture == nil { FleetWatch.judge(&state, now: clock.now()) }
        return Self.report(state)
    }

    private static func report(_ s: FleetWatchState) -> Report {
        Report(picture: s.picture ?? FleetPicture(time: 0, chutes: []), alerts: s.alerts.sorted, scrapes: s.scrapes,
               failedPolls: s.failedPolls, historyBytes: s.history.memoryBytes, historySeries: s.history.series.count)
    }
}
