/// The fewest and most instances a chute's control plane allows it (either may be unknown),
/// and the checks the scale actions make against them before anything is sent: `scale`
/// within them, `scale-limits` with its minimum not above its maximum. The dashboard's form
/// and `chutetop run` both go through `PreparedAction.prepare`, so they check the same way.
public struct InstanceLimits: Sendable, Hashable {
    public var chute: String
    public var min: Int?
    public var max: Int?

    public init(chute: String, min: Int?, max: Int?) {
        self.chute = chute
        self.min = min
        self.max = max
    }

    /// The limits in the counts the control plane listed for the chute (nil counts: unknown).
    public init(chute: String, counts: FleetPicture.Counts?) {
        self.init(chute: chute, min: counts?.min, max: counts?.max)
    }

    /// "bge-m3 allows 1–4 instances", or what is not known of them.
    public var said: String {
        switch (min, max) {
        case let (lo?, hi?): "\(chute) allows \(lo)–\(hi) instances"
        case let (lo?, nil): "\(chute) allows at least \(Self.instances(lo)); its maximum is unknown"
        case let (nil, hi?): "\(chute) allows at most \(Self.instances(hi)); its minimum is unknown"
        case (nil, nil): "\(chute)'s limits are unknown (its control plane did not list them)"
        }
    }

    /// Why validated `values` for a built-in break these limits, or nil. Unknown limits refuse
    /// nothing: the control plane still checks what it is sent.
    public func problem(_ action: BuiltinAction?, values: [String: String]) -> ActionProblem? {
        switch action {
        case .scale?:
            guard let n = values["instances"].flatMap({ Int($0) }) else { return nil }
            if let lo = min, n < lo { return outOfRange(n) }
            if let hi = max, n > hi { return outOfRange(n) }
            return nil
        case .scaleLimits?:
            guard let lo = values["min_instances"].flatMap({ Int($0) }), let hi = values["max_instances"].flatMap({ Int($0) }), lo > hi else { return nil }
            return ActionProblem("min_instances \(lo) is above max_instances \(hi): the fewest instances cannot exceed the most")
        case .restart?, .restartInstance?, .warmUp?, .disable?, .enable?, .silence?, .expireSilence?, nil:
            return nil
        }
    }

    private func outOfRange(_ n: Int) -> ActionProblem {
        ActionProblem("instances: \(n) is out of range: \(said); change its limits with scale-limits")
    }

    private static func instances(_ n: Int) -> String { n == 1 ? "1 instance" : "\(n) instances" }
}
