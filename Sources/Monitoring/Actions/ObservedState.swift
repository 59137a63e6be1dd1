/// What the source lists for an action's target just after it ran: the chute's counts and the
/// instance's phase, for the audit "result" record.
public struct ObservedState: Sendable, Hashable, Codable {
    public var time: Double
    public var counts: FleetPicture.Counts?
    /// The target instance's phase; `gone` when it is no longer listed.
    public var phase: String?
    /// Why the state could not be read (then the fields above are nil).
    public var error: String?

    public init(time: Double, counts: FleetPicture.Counts? = nil, phase: String? = nil, error: String? = nil) {
        self.time = time
        self.counts = counts
        self.phase = phase
        self.error = error
    }

    /// `target` as `inventory` lists it.
    public init(_ inventory: FleetInventory, target: PreparedAction.Target, at time: Double) {
        self.time = time
        guard let chute = inventory.chute(named: target.chute) else {
            error = inventory.chutes.first?.controlError.map { "the source did not answer: \($0)" } ?? "\(target.chute) is no longer listed"
            return
        }
        if let e = chute.controlError { error = "the control API did not answer: \(e)" }
        counts = FleetPicture.Counts(listed: chute)
        if let id = target.instance { phase = chute.instances.first { $0.id == id }.map { $0.phase ?? "listed" } ?? "gone" }
    }

    /// "after: 4 instances, 2 ready, target 4; i-2 starting" (or why it could not be read).
    public var said: String {
        if let error { return "after: not read (\(error))" }
        let c = counts.map { "\($0.current) instances, \($0.ready) ready, target \($0.target.map(String.init) ?? "—")" } ?? "—"
        return "after: " + c + (phase.map { "; instance \($0)" } ?? "")
    }
}

extension FleetPicture.Counts {
    /// A chute's counts as its source lists them (ready: instances in phase `ready`).
    public init(listed chute: FleetInventory.Chute) {
        self.init(current: chute.instances.count, ready: chute.instances.filter { $0.phase == "ready" }.count,
                  target: chute.targetInstances, min: chute.minInstances, max: chute.maxInstances)
    }
}
