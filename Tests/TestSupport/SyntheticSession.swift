import FleetEngine
import Monitoring
import SessionRecording

/// A session made with the pure engine: one chute of two instances answering every poll, its
/// breaker opening at `breakerOpensAt`; the messages the engine received, in order.
public enum SyntheticSession {
    public static let setup: EngineSetup = {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 2, ready: 0, metrics: 5)
        return EngineSetup(settings: settings, names: .standard, rules: AlertRule.defaults, discoveryInterval: 10, judgeInterval: 5,
                           seed: 7, plan: .everyInstance)
    }()

    /// The same engine judging every `seconds` (a judgement at most that often).
    public static func setup(judgingEvery seconds: Double) -> EngineSetup {
        var s = setup
        s.judgeInterval = seconds
        return s
    }

    public static func header(_ setup: EngineSetup = setup) -> RecordingHeader {
        RecordingHeader(program: "watch", context: "test", source: "direct", production: false, started: 1000, recordedBy: "tests", engine: setup)
    }

    public static let fleet = FleetInventory(chutes: [FleetInventory.Chute(name: "llm", instances: ["a", "b"].map { .init(id: $0, baseURL: "http://\($0)") },
                                                                    targetInstances: 2, minInstances: 1, maxInstances: 4)])

    public static func reading(_ target: PollTarget, at t: Double, breakerOpensAt: Double) -> SourceReading {
        switch target.kind {
        case .metrics:
            let requests = (t - 1000) * 10
            return .scrape(ScrapeDigest(time: t,
                                        requests: [.init(counter: .init(series: [Label("code", "200")], point: CounterPoint(time: t, value: requests)), serverError: false)],
                                        gpus: [GPUReading(id: "GPU-1", model: "H100", utilization: 50, memoryUsedBytes: 1e9, memoryTotalBytes: 8e10)],
                                        breakers: [BreakerReading(name: "db", state: t >= breakerOpensAt ? .open : .closed)]))
        default:
            return .report(HealthReport(status: .pass, checks: []))
        }
    }

    /// `seconds` of a session from t = 1000, ticked every `tick` seconds.
    public static func messages(seconds: Double = 300, breakerOpensAt: Double = 1200, setup: EngineSetup = setup,
                                tick: Double = 0.5) -> [FleetWatchMessage] {
        var state = setup.makeState()
        var out: [FleetWatchMessage] = []
        var pending: [FleetWatchCommand] = []
        var t = 1000.0
        while t <= 1000 + seconds {
            let ticked = FleetWatchMessage.tick(now: t)
            out.append(ticked)
            pending += FleetWatch.update(&state, ticked)
            while !pending.isEmpty {
                let command = pending.removeFirst()
                let answer: FleetWatchMessage
                switch command {
                case .list: answer = .listed(fleet, at: t)
                case .poll(let target, _): answer = .polled(target, reading(target, at: t, breakerOpensAt: breakerOpensAt), at: t)
                case .readAlertmanager, .backfill: continue
                }
                out.append(answer)
                pending += FleetWatch.update(&state, answer)
            }
            t += tick
        }
        return out
    }

    /// The bytes of a recording of `messages`.
    public static func recording(_ messages: [FleetWatchMessage], frameSeconds: Double = 1,
                                 setup: EngineSetup = setup) throws -> (bytes: [UInt8], frameStarts: [Int]) {
        var bytes = try RecordingFormat.fileHeader(header(setup))
        var starts: [Int] = []
        var buffer = RecordingBuffer(frameSeconds: frameSeconds)
        for m in messages {
            if let frame = try buffer.add(m) { starts.append(bytes.count); bytes += frame }
        }
        if let frame = try buffer.flush() { starts.append(bytes.count); bytes += frame }
        return (bytes, starts)
    }

    /// The engine fed `messages` up to `time`.
    public static func state(after messages: [FleetWatchMessage], upTo time: Double, setup: EngineSetup = setup) -> FleetWatchState {
        var s = setup.makeState()
        for m in messages where m.time <= time { _ = FleetWatch.update(&s, m) }
        return s
    }
}
