import Dashboard
import FleetEngine
import FleetSimulator
import Foundation
import Monitoring
import Synchronization
import TestLanes
import Testing
@testable import LiveServices

/// The demo's `steady` scenario is steady, judged by the whole real path: the simulator on a
/// loopback port with a simulated clock, the direct source reading its control API and every
/// instance's /health, /ready and /metrics over HTTP, the fleet watch judging with the shipped
/// rules. Five simulated minutes are stepped second by second in a few real seconds.
@Suite(.lane(.live), .serialized) struct SteadyScenarioTests {
    /// 16:00 UTC, the daily peak: the hardest afternoon.
    static let afternoon = 1_795_276_800.0

    struct Run {
        var pictures: [FleetPicture] = []
        /// Every alert that fired, by id, with its summary when it fired.
        var fired: [String: Alert] = [:]
    }

    /// Steps `seconds` simulated seconds of `scenario`, carrying out the watch's commands at
    /// each second's time.
    static func watch(_ scenario: String, seconds: Double) async throws -> Run {
        let time = Mutex(afternoon)
        let clock: @Sendable () -> Double = { time.withLock { $0 } }
        let simulator = try await InProcessSimulator.start(scenario: scenario, seed: 1, clock: clock)
        var settings = PollSettings()
        settings.connectTimeout = 2
        settings.readTimeout = 5
        let source = try DirectSource(DirectSourceConfig(controlAPI: simulator.controlAPI), settings: settings, kind: "simulator",
                                      clock: WallClock(clock))
        let sources = FleetSources(source)
        var state = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, seed: 7, plan: sources.readings.plan)
        var run = Run()
        for t in stride(from: afternoon, through: afternoon + seconds, by: 1) {
            time.withLock { $0 = t }
            let judged = state.picture?.time
            var commands = FleetWatch.update(&state, .tick(now: t))
            while !commands.isEmpty {
                var next: [FleetWatchCommand] = []
                for command in commands {
                    let message = await PollRound.carryOut(command, sources, .standard, clock: WallClock(clock))
                    next += FleetWatch.update(&state, message)
                }
                commands = next
            }
            if let picture = state.picture, picture.time != judged {
                run.pictures.append(picture)
                for a in state.alerts.alerts.values where a.state == .firing && run.fired[a.id] == nil { run.fired[a.id] = a }
            }
        }
        await source.shutdown()
        simulator.stop()
        return run
    }

    @Test func theSteadyScenarioRaisesNoCriticalAlertInItsFirstFiveMinutesAndItsGPUsAreNotPinned() async throws {
        let run = try await Self.watch("steady", seconds: 300)
        let last = try #require(run.pictures.last)
        #expect(run.pictures.count >= 55, "one judgement per metrics interval (5 s)")
        #expect(last.chutes.count == 10)
        let critical = run.fired.values.filter { $0.severity == .critical }.map { "\($0.id): \($0.summary)" }.sorted()
        #expect(critical.isEmpty, "critical alerts fired: \(critical)")
        // Instances in their cold start are not "not ready" incidents.
        let notReady = run.fired.keys.filter { $0.hasPrefix("not-ready@") }.sorted()
        #expect(notReady.isEmpty, "readiness alerts fired: \(notReady)")
        // Every chute has GPU figures (over its ready instances), and they are not pinned: at
        // every judgement after the first minute at most one chute is at 95 % or more (the
        // steady fleet started at its minimum had four there for its first four minutes).
        let gpu = last.chutes.map { ($0.name, $0.gpu?.meanUtilization) }
        #expect(gpu.allSatisfy { $0.1 != nil }, "\(gpu)")
        for picture in run.pictures where picture.time >= Self.afternoon + 60 {
            let pinned = picture.chutes.filter { ($0.gpu?.meanUtilization ?? 0) >= 95 }.map(\.name)
            #expect(pinned.count <= 1, "at \(picture.time - Self.afternoon) s, chutes at 95 % GPU or more: \(pinned)")
        }
        // Every chute serves: a rate is known for each once the first scrapes are in.
        #expect(last.chutes.allSatisfy { ($0.requestRate.value ?? 0) > 0 }, "\(last.chutes.map { ($0.name, $0.requestRate.value) })")
    }
}
