import Monitoring

/// How the overview's chute table is ordered and narrowed: a sort column and direction, the
/// filter, and the faulted-only toggle.
public struct OverviewOrder: Sendable, Equatable {
    public enum Column: String, Sendable, CaseIterable {
        case name, ready, gpu, rps, err, p95, breakers
        /// LLM chutes: requests waiting, KV-cache usage, generated tokens/s, TTFT p95.
        case queue, kv, tokens, ttft
    }

    public var column: Column = .name
    public var descending = false
    public var filter = FleetFilter()
    public var faultedOnly = false
    /// Which columns the overview shows (the `c` key cycles them).
    public var columnSet = ColumnSet.automatic

    /// The overview's column sets: the LLM engine columns (queue, KV cache, tokens/s, TTFT
    /// p95, saturation) when the terminal is wide enough, always, or never.
    public enum ColumnSet: String, Sendable, CaseIterable {
        case automatic, llm, standard

        public var next: ColumnSet {
            switch self {
            case .automatic: .llm
            case .llm: .standard
            case .standard: .automatic
            }
        }

        public var description: String {
            switch self {
            case .automatic: "columns: automatic (the LLM columns when 150 or more wide)"
            case .llm: "columns: LLM (queue, KV cache, tokens/s, TTFT p95, saturation)"
            case .standard: "columns: standard (no LLM columns)"
            }
        }
    }

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
        // Sorted as (position, key) pairs, each key worked out once: a chute is a large value,
        // and moving it in every swap of a sort over thousands of them costs more than the sort.
        let keys = shown.map { key($0) }
        let order = shown.indices.sorted { i, j in
            let (a, b) = (shown[i].name, shown[j].name)
            if column == .name { return descending ? a > b : a < b }
            switch (keys[i], keys[j]) {
            case (nil, nil): return a < b
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                if x == y { return a < b }
                return descending ? x > y : x < y
            }
        }
        return order.map { shown[$0] }
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
        case .queue: FleetFilter.value(.queue, c)
        case .kv: FleetFilter.value(.kv, c)
        case .tokens: FleetFilter.value(.tokens, c)
        case .ttft: FleetFilter.value(.ttft, c)
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
