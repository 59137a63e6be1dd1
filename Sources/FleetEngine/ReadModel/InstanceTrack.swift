import Monitoring

/// What the timeline remembers of one instance between judgements, packed so 20,000 instances
/// cost little: its health and readiness verdicts at each judgement (one byte each, the last
/// `FleetTimeline.marksKept`), its restart count, and chutetop's three poll breakers' states.
struct InstanceTrack: Sendable {
    private(set) var marks: [UInt8] = []
    var restarts: Int?
    /// health, ready, metrics poll breakers; nil before the first judgement.
    var pollBreakers: UInt16?

    mutating func mark(health: HealthStatus?, ready: HealthStatus?, keep: Int) {
        marks.append(Self.code(health) | Self.code(ready) << 3)
        if marks.count > keep { marks.removeFirst(marks.count - keep) }
    }

    /// The verdicts of the last judgement (nil before the first).
    var lastMark: (health: HealthStatus?, ready: HealthStatus?)? { marks.last.map(Self.verdicts) }

    static func verdicts(_ byte: UInt8) -> (health: HealthStatus?, ready: HealthStatus?) {
        (status(byte & 7), status(byte >> 3 & 7))
    }

    private static func code(_ s: HealthStatus?) -> UInt8 { s.map { UInt8($0.rawValue + 1) } ?? 0 }
    private static func status(_ code: UInt8) -> HealthStatus? { code == 0 ? nil : HealthStatus(rawValue: Int(code) - 1) }

    static func pack(_ states: [BreakerState?]) -> UInt16 {
        states.enumerated().reduce(0) { v, e in
            v | UInt16(e.element.flatMap { BreakerState.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0) << (3 * e.offset)
        }
    }

    static func unpack(_ v: UInt16, count: Int) -> [BreakerState?] {
        (0..<count).map { k in
            let code = Int(v >> (3 * k) & 7)
            return code == 0 ? nil : BreakerState.allCases[code - 1]
        }
    }
}
