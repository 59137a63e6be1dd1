import Monitoring

/// What changed between judgements, which a single picture cannot say: how long each breaker
/// has been in its state and its recent transitions, each instance's health and readiness
/// history, its last poll errors, and the fleet's typed event log (`FleetEvent`: alerts,
/// breakers, health changes, instances appearing, going and restarting, scaling, poll breakers,
/// actions). Fed one picture at a time (and alert and action events by the engine and the
/// shell); every list is bounded.
public struct FleetTimeline: Sendable {
    public struct BreakerKey: Sendable, Hashable {
        public var chute: String
        public var instance: String
        public var breaker: String
        public init(chute: String, instance: String, breaker: String) {
            self.chute = chute
            self.instance = instance
            self.breaker = breaker
        }
    }

    public struct BreakerSpan: Sendable, Hashable {
        public var state: BreakerState
        /// When the breaker was first seen in this state (`seenChange` false: it was already in
        /// it when first seen, so it has been so at least since then).
        public var since: Double
        public var seenChange: Bool
    }

    /// An instance's health and readiness verdicts at one judgement.
    public struct ProbeMark: Sendable, Hashable {
        public var health: HealthStatus?
        public var ready: HealthStatus?
    }

    public struct PollError: Sendable, Hashable {
        public var time: Double
        public var probe: ProbeKind
        public var message: String
    }

    public private(set) var breakers: [BreakerKey: BreakerSpan] = [:]
    private var tracks: [InstanceKey: InstanceTrack] = [:]
    public private(set) var pollErrors: [InstanceKey: [PollError]] = [:]
    /// The fleet's most recent events, oldest first (at most `eventsKept`, trimmed in batches).
    public var events: ArraySlice<FleetEvent> { allEvents.suffix(Self.eventsKept) }
    private var allEvents: [FleetEvent] = []
    /// Each chute's own recent events, so a storm elsewhere does not push them out.
    private var chuteEvents: [String: [FleetEvent]] = [:]
    private var lastTargets: [String: Int] = [:]
    private var lastLimits: [String: Limits] = [:]
    /// How many events were ever recorded (`recent(since:)` reads the ones after a count).
    public private(set) var recorded = 0
    private var lastInstances: [String: Set<String>] = [:]
    private var started = false

    public static let marksKept = 120, errorsKept = 10, eventsKept = 2000, chuteEventsKept = 100

    public init() {}

    public mutating func observe(_ picture: FleetPicture) {
        let now = picture.time
        var present = Set<BreakerKey>()
        for c in picture.chutes {
            observeScaling(c, now: now)
            for i in c.instances {
                let key = InstanceKey(chute: c.name, instance: i.id)
                observeProbes(key, i, now: now)
                for (kind, probe) in [(ProbeKind.health, i.health), (.ready, i.ready), (.metrics, i.metrics)] {
                    guard let message = probe.error, let age = probe.errorAgeSeconds else { continue }
                    let at = now - age
                    if let last = pollErrors[key]?.last(where: { $0.probe == kind }), abs(last.time - at) < 0.001 { continue }
                    Self.append(&pollErrors[key, default: []], PollError(time: at, probe: kind, message: message), keep: Self.errorsKept)
                }
                for b in i.breakers {
                    let bk = BreakerKey(chute: c.name, instance: i.id, breaker: b.name)
                    present.insert(bk)
                    if let span = breakers[bk] {
                        if span.state != b.state {
                            breakers[bk] = BreakerSpan(state: b.state, since: now, seenChange: true)
                            note(now, c.name, i.id, .breaker(name: b.name, from: span.state, to: b.state))
                        }
                    } else {
                        breakers[bk] = BreakerSpan(state: b.state, since: now, seenChange: false)
                        if started && b.state != .closed { note(now, c.name, i.id, .breaker(name: b.name, from: nil, to: b.state)) }
                    }
                }
            }
        }
        for k in breakers.keys where !present.contains(k) { breakers[k] = nil }
        let instances = Set(picture.chutes.flatMap { c in c.instances.map { InstanceKey(chute: c.name, instance: $0.id) } })
        for k in tracks.keys where !instances.contains(k) { tracks[k] = nil }
        for k in pollErrors.keys where !instances.contains(k) { pollErrors[k] = nil }
        let chutes = Set(picture.chutes.map(\.name))
        for c in chuteEvents.keys where !chutes.contains(c) { chuteEvents[c] = nil }
        started = true
    }

    private mutating func observeScaling(_ c: FleetPicture.Chute, now: Double) {
        let ids = Set(c.instances.map(\.id))
        if started {
            if let target = c.counts.target, let before = lastTargets[c.name], before != target {
                note(now, c.name, nil, .targetChanged(from: before, to: target))
            }
            if let before = lastLimits[c.name], before.min != nil || before.max != nil, before != Limits(c.counts) {
                note(now, c.name, nil, .limitsChanged(fromMin: before.min, toMin: c.counts.min, fromMax: before.max, toMax: c.counts.max))
            }
            if let before = lastInstances[c.name] {
                for id in ids.subtracting(before).sorted() { note(now, c.name, id, .instanceAppeared) }
                for id in before.subtracting(ids).sorted() { note(now, c.name, id, .instanceGone) }
            }
        }
        lastTargets[c.name] = c.counts.target
        lastLimits[c.name] = Limits(c.counts)
        lastInstances[c.name] = ids
    }

    /// Health and readiness changes, restarts and chutetop's poll breakers, against the
    /// previous judgement (nothing is an event on the first one), then this judgement's mark.
    private mutating func observeProbes(_ key: InstanceKey, _ i: FleetPicture.Instance, now: Double) {
        var track = tracks.removeValue(forKey: key) ?? InstanceTrack()
        // A first verdict is not a change.
        if let last = track.lastMark {
            if let from = last.health, from != i.health.status { note(now, key.chute, key.instance, .health(probe: .health, from: from, to: i.health.status)) }
            if let from = last.ready, from != i.ready.status { note(now, key.chute, key.instance, .health(probe: .ready, from: from, to: i.ready.status)) }
        }
        if let before = track.restarts, i.restarts > before { note(now, key.chute, key.instance, .instanceRestarted) }
        track.restarts = i.restarts
        let polls: [(ProbeKind, BreakerState?)] = [(.health, i.health.pollBreaker), (.ready, i.ready.pollBreaker), (.metrics, i.metrics.pollBreaker)]
        if let packed = track.pollBreakers {
            let before = InstanceTrack.unpack(packed, count: polls.count)
            for (k, (probe, state)) in polls.enumerated() where state != before[k] {
                // A breaker first seen closed is not news.
                if let state, before[k] != nil || state != .closed {
                    note(now, key.chute, key.instance, .pollBreaker(probe: probe, from: before[k], to: state))
                }
            }
        }
        track.pollBreakers = InstanceTrack.pack(polls.map(\.1))
        track.mark(health: i.health.status, ready: i.ready.status, keep: Self.marksKept)
        tracks[key] = track
    }

    /// An instance's health and readiness verdicts at the last judgements, oldest first.
    public func marks(of key: InstanceKey) -> [ProbeMark] {
        (tracks[key]?.marks ?? []).map { let v = InstanceTrack.verdicts($0); return ProbeMark(health: v.health, ready: v.ready) }
    }

    /// An event the engine or the shell knows of (alerts, actions).
    public mutating func record(_ event: FleetEvent) {
        // Trimmed a quarter at a time, so a storm of events costs O(1) each, not a move of
        // the whole list per event.
        allEvents.append(event)
        recorded += 1
        if allEvents.count > Self.eventsKept + Self.eventsKept / 4 { allEvents.removeFirst(allEvents.count - Self.eventsKept) }
        chuteEvents[event.chute, default: []].append(event)
        if let n = chuteEvents[event.chute]?.count, n > Self.chuteEventsKept + Self.chuteEventsKept / 4 {
            chuteEvents[event.chute]!.removeFirst(n - Self.chuteEventsKept)
        }
    }

    private mutating func note(_ time: Double, _ chute: String, _ instance: String?, _ kind: FleetEvent.Kind) {
        record(FleetEvent(time: time, chute: chute, instance: instance, kind: kind))
    }

    private static func append<T>(_ list: inout [T], _ item: T, keep: Int) {
        list.append(item)
        if list.count > keep { list.removeFirst(list.count - keep) }
    }

    /// The events recorded after the first `count` ever recorded, oldest first (at most the
    /// ones still held).
    public func recent(since count: Int) -> ArraySlice<FleetEvent> {
        allEvents.suffix(min(allEvents.count, max(0, recorded - count)))
    }

    private struct Limits: Hashable {
        var min: Int?
        var max: Int?
        init(_ counts: FleetPicture.Counts) {
            self.min = counts.min
            self.max = counts.max
        }
    }

    /// The recent transitions and events of one chute, newest first.
    public func events(of chute: String) -> [FleetEvent] { (chuteEvents[chute] ?? []).suffix(Self.chuteEventsKept).reversed() }
}
