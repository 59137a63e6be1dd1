/// A circuit breaker's state in the common core of resilience4j, Polly, opossum, pybreaker and
/// gobreaker (see PROTOCOLS.md §3).
public enum BreakerState: String, Sendable, Hashable, CaseIterable, Codable {
    case closed, open, halfOpen = "half_open", disabled, forcedOpen = "forced_open", metricsOnly = "metrics_only"

    /// Parses any spelling the libraries use: `half_open`, `half-open`, `halfOpen`, `HALF_OPEN`,
    /// and Polly's `Isolated` (held open by hand).
    public init?(spelling: String) {
        let key = spelling.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
        switch key {
        case "closed", "close": self = .closed
        case "open": self = .open
        case "halfopen": self = .halfOpen
        case "disabled": self = .disabled
        case "forcedopen", "isolated": self = .forcedOpen
        case "metricsonly": self = .metricsOnly
        default: return nil
        }
    }

    /// Whether calls are being rejected.
    public var rejectsCalls: Bool { self == .open || self == .forcedOpen }
}
