import FleetEngine

extension FleetDashboardState {
    /// Hands a message to the engine: the only way the dashboard changes it, so a recorded
    /// session holds every message the engine received, in order.
    public mutating func feed(_ message: FleetWatchMessage) -> [FleetWatchCommand] {
        engineJournal?.append(message)
        return FleetWatch.update(&watch, message)
    }

    /// The messages journaled since the last call (the shell records them after each update).
    public mutating func takeJournal() -> [FleetWatchMessage] {
        guard let taken = engineJournal, !taken.isEmpty else { return [] }
        engineJournal = []
        return taken
    }
}
