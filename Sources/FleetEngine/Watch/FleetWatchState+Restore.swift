import Monitoring

extension FleetWatchState {
    /// Takes back a session's timeline as persisted (oldest first): its events go back in the
    /// event log, and the acknowledgements and snoozes of alerts that had not resolved since
    /// are carried to those alerts when they open again (`AlertBook.carry`).
    public mutating func restore(_ events: [FleetEvent]) {
        for event in events { timeline.record(event) }
        for (id, handling) in Self.handlingInForce(events) { alerts.carry(id, handling) }
        alertList = alerts.sorted
    }

    /// Per alert, how it was handled since it last resolved (an alert resolved after its
    /// acknowledgement is over and done with).
    public static func handlingInForce(_ events: [FleetEvent]) -> [String: AlertBook.Handling] {
        var handled: [String: AlertBook.Handling] = [:]
        for event in events {
            switch event.kind {
            case .alertHandled(let id, let acknowledged, let until, _):
                let before = handled[id]
                handled[id] = AlertBook.Handling(acknowledged: acknowledged || before?.acknowledged == true,
                                                 snoozedUntil: until ?? before?.snoozedUntil)
            case .alert(let id, _, _, .resolved, _):
                handled[id] = nil
            default:
                break
            }
        }
        return handled
    }
}
