import Monitoring

/// What changed between judgements, which a single picture cannot say: how long each breaker
/// has been in its state and its recent transitions, each instance's health and readiness
/// history, its last poll errors, and the fleet's events (scaling, instances coming and
/// going). Fed one picture at a time; every list is bounded.
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
        public var state: String
        /// When the breaker was first seen in this state (nil: already in it when first seen).
        public var since: Double
        public var seenChange: Bool
    }

    public struct ProbeMark: Sendable, Hashable {
        public var time: Double
        public var health: String?
        public var ready: String?
    }

    public struct PollError: Sendable, Hashable {
        public var time: Double
        public var probe: ProbeKind
        public var message: String
    }

    public struct Event: Sendable, Hashable {
        public var time: Double
        public var chute: String
        public var instance: String?
        public var text: String
    }

    public private(set) var breakers: [BreakerKey: BreakerSpan] = [:]
    public private(set) var probeMarks: [InstanceKey: [ProbeMark]] = [:]
    public private(set) var pollErrors: [InstanceKey: [PollError]] = [:]
    public private(set) var events: [Event] = []
    private var lastTargets: [String: Int] = [:]
    private var lastInstances: [String: Set<String>] = [:]
    private var started = false

    public static let marksKept = 120, errorsKept = 10, eventsKept = 500

    public init() {}

    public mutating func observe(_ picture: FleetPicture) {
        let now = picture.time
        var present = Set<BreakerKey>()
        for c in picture.chutes {
            observeScaling(c, now: now)
            for i in c.instances {
                let key = InstanceKey(chute: c.name, instance: i.id)
                Self.append(&probeMarks[key, default: []], ProbeMark(time: now, health: i.health.status, ready: i.ready.status), keep: Self.marksKept)
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
                            note(now, c.name, i.id, "breaker \(b.name): \(span.state) → \(b.state)")
                        }
                    } else {
                        breakers[bk] = BreakerSpan(state: b.state, since: now, seenChange: false)
                        if started && b.state != "closed" { note(now, c.name, i.id, "breaker \(b.name) appeared \(b.state)") }
                    }
                }
            }
        }
        for k in breakers.keys where !present.contains(k) { breakers[k] = nil }
        let instances = Set(picture.chutes.flatMap { c in c.instances.map { InstanceKey(chute: c.name, instance: $0.id) } })
        for k in probeMarks.keys where !instances.contains(k) { probeMarks[k] = nil }
        for k in pollErrors.keys where !instances.contains(k) { pollErrors[k] = nil }
        started = true
    }

    private mutating func observeScaling(_ c: FleetPicture.Chute, now: Double) {
        let ids = Set(c.instances.map(\.id))
        if started {
            if let target = c.counts.target, let before = lastTargets[c.name], before != target {
                note(now, c.name, nil, "target instances \(before) → \(target)")
            }
            if let before = lastInstances[c.name] {
                for id in ids.subtracting(before).sorted() { note(now, c.name, id, "instance \(id) appeared") }
                for id in before.subtracting(ids).sorted() { note(now, c.name, id, "instance \(id) went away") }
            }
        }
        lastTargets[c.name] = c.counts.target
        lastInstances[c.name] = ids
    }

    private mutating func note(_ time: Double, _ chute: String, _ instance: String?, _ text: String) {
        Self.append(&events, Event(time: time, chute: chute, instance: instance, text: text), keep: Self.eventsKept)
    }

    private static func append<T>(_ list: inout [T], _ item: T, keep: Int) {
        list.append(item)
        if list.count > keep { list.removeFirst(list.count - keep) }
    }

    /// The recent transitions and events of one chute, newest first.
    public func events(of chute: String) -> [Event] { events.reversed().filter { $0.chute == chute } }
}
