import FleetEngine
import Monitoring

/// What the dashboard asks its shell to write for `:incident export PATH`: the context's
/// timeline file is read by the shell; the dashboard adds what is firing now.
public struct IncidentExportRequest: Sendable, Hashable {
    public var path: String
    public var context: String
    public var selection: IncidentSelection
    /// chutetop's alerts firing now, and Alertmanager's.
    public var firing: [Alert]
    public var now: Double

    public init(path: String, context: String, selection: IncidentSelection, firing: [Alert], now: Double) {
        self.path = path
        self.context = context
        self.selection = selection
        self.firing = firing
        self.now = now
    }
}
