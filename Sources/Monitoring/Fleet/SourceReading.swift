/// What one unit of a source's work produced: the typed reading the engine records. A direct
/// source answers per instance (a health verdict, or a scrape of its page reduced to a
/// `ScrapeDigest`); a fleet-wide source (PromQL, the Chutes platform's utilisation) answers
/// with figures it has already computed for many chutes and instances at once. Errors are
/// readings too: a dead target is data. Codable, so a session can be recorded and replayed.
public enum SourceReading: Sendable, Hashable, Codable {
    /// A health or readiness answer (the verdict already combines status code and body).
    case report(HealthReport)
    /// One instance's metrics page, reduced to what chutetop derives from.
    case scrape(ScrapeDigest)
    /// Figures a source computed itself, for the chutes and instances it names.
    case figures(ComputedFigures)
    /// No usable answer: connection refused, timeout, too large, HTTP 5xx on /metrics, …
    case failed(String)
}

extension SourceReading {
    /// Whether the work got a usable answer (a failing health verdict is still an answer).
    public var succeeded: Bool {
        if case .failed = self { return false }
        return true
    }
}
