import Monitoring

/// How the overview's chute table is ordered and narrowed: a sort column and direction, the
/// filter, and the faulted-only toggle.
public struct OverviewOrder: Sendable, Equatable {
    public enum Column: String, Sendable, CaseIterable {
        case name, ready, gpu, rps, err, p95, breakers
    }

    public var column: Column = .name
    public var descending = false
    public var filter = FleetFilter()
    public var faultedOnly = false

    public init() {}

    /// Sorting by the current column again flips the direction; a new column starts with the
    /// worst first (descending) for figures and A-Z for names.
    public mutating func sort(by column: Column) {
        if column == self.column { descending.toggle() } else {
            self.column = column
            descending = column != .name
        }
    }

    /// The chutes to show, in order. Unknown figures sort last either way; ties keep name order.
    public func apply(_ chutes: [FleetPicture.Chute], firingAlerts: [Alert] = []) -> [FleetPicture.Chute] {
        let alerting = Set(firingAlerts.filter { $0.state == .firing }.map(\.chute))
        let shown = chutes.filter { filter.matches($0) && (!faultedOnly || Self.isFaulted($0, alerting: alerting)) }
        if column == .name { return shown.sorted { descending ? $0.name > $1.name : $0.name < $1.name } }
        return shown.sorted { a, b in
            let (x, y) = (key(a), key(b))
            switch (x, y) {
            case (nil, nil): return a.name < b.name
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                if x == y { return a.name < b.name }
                return descending ? x > y : x < y
            }
        }
    }

    private func key(_ c: FleetPicture.Chute) -> Double? {
        switch column {
        case .name: nil
        case .ready: Double(c.counts.ready)
        case .gpu: FleetFilter.value(.gpu, c)
        case .rps: FleetFilter.value(.rps, c)
        case .err: FleetFilter.value(.err, c)
        case .p95: FleetFilter.value(.p95, c)
        case .breakers: Double(c.instances.reduce(0) { $0 + $1.breakers.filter { $0.state.rejectsCalls }.count })
        }
    }

    /// Something is wrong with a chute: an alert fires for it, an instance probe fails or is
    /// stale, or a breaker rejects calls.
    public static func isFaulted(_ c: FleetPicture.Chute, alerting: Set<String>) -> Bool {
        alerting.contains(c.name) || c.controlError != nil || c.instances.contains { i in
            [i.health, i.ready, i.metrics].contains { $0.error != nil || $0.stale }
                || i.breakers.contains { $0.state.rejectsCalls }
        }
    }
}
