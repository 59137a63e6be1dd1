import FleetEngine
import Monitoring

/// A context's sources, one for each role: the inventory (and the control plane that owns its
/// actions) and the readings. One source may play every role (`source:` in the config) or the
/// roles may come from different ones (`sources: {inventory:, metrics:}`). Only the
/// composition root names concrete source types; everything else works through these roles.
public struct FleetSources: Sendable {
    /// What the banner says: `direct`, `simulator`, `direct + direct metrics`, ….
    public let kind: String
    public let inventory: any InventorySource
    public let readings: any ReadingSource
    /// nil: this context performs no actions (they are listed, disabled, with the reason).
    public let control: (any ControlPlane)?
    /// The fleet's past, when a source holds it (nil: history starts when chutetop does).
    public let history: (any HistorySource)?
    /// The context's Alertmanager (nil: none): alerts beside chutetop's, and silences.
    public let alertmanager: (any AlertSource)?
    private let closing: [any ClosableSource]

    public init(kind: String, inventory: any InventorySource, readings: any ReadingSource, control: (any ControlPlane)?,
                history: (any HistorySource)? = nil, closing: [any ClosableSource], alertmanager: (any AlertSource)? = nil) {
        self.kind = kind
        self.inventory = inventory
        self.readings = readings
        self.control = control
        self.history = history
        self.closing = closing
        self.alertmanager = alertmanager
    }

    /// The same sources with an Alertmanager (closed with them).
    public func adding(alertmanager: any AlertSource & ClosableSource) -> FleetSources {
        FleetSources(kind: kind, inventory: inventory, readings: readings, control: control, history: history, closing: closing + [alertmanager],
                     alertmanager: alertmanager)
    }

    /// The built-in actions: the control plane's catalog, or every built-in disabled with why;
    /// and the silence actions when there is an Alertmanager.
    public var actions: [RunbookAction] {
        (control?.catalog ?? BuiltinActions.catalog(source: kind, controlAPI: nil))
            + (alertmanager.map { SilenceActions.catalog(alertmanager: $0.endpoint) } ?? [])
    }

    /// Ends every source's connections; the sources are not used afterwards.
    public func shutdown() async {
        for source in closing { await source.shutdown() }
    }
}
