/// Counts health changes (pass to fail and back) within a trailing window, to tell a flapping
/// instance from one that failed once.
public struct FlapCounter: Sendable, Hashable {
    public var window: Double
    private(set) var last: HealthStatus?
    private(set) var changes: [Double] = []

    public init(window: Double = 600) { self.window = window }

    /// Records a verdict; `unknown` and `warn` count as their own states.
    public mutating func record(_ status: HealthStatus, at time: Double) {
        if let last, last != status { changes.append(time) }
        last = status
        changes.removeAll { $0 < time - window }
        if changes.count > 256 { changes.removeFirst(changes.count - 256) }
    }

    /// Changes within the window ending at `now`.
    public func flaps(at now: Double) -> Int { changes.reduce(0) { $1 >= now - window ? $0 + 1 : $0 } }
}
