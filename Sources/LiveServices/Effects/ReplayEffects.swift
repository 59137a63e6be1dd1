import Dashboard

/// Performs a replay's commands: only the clock (the recording supplies everything else; the
/// replay's update refuses the rest before it gets here).
public struct ReplayEffects: EffectPerformer {
    let clock: WallClock

    public init(clock: WallClock = .system) { self.clock = clock }

    public func perform(_ command: DashboardCommand, deliver: @escaping @Sendable (DashboardMessage) -> Void) async {
        guard case .wake(let after) = command else { return }
        if after > 0 { try? await Task.sleep(for: .milliseconds(Int(after * 1000))) }
        if !Task.isCancelled { deliver(.woke(now: clock.now())) }
    }
}
