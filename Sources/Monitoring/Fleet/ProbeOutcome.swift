/// What one poll of one instance produced.
public enum ProbeOutcome: Sendable {
    /// A health or readiness answer (the verdict already combines status code and body).
    case report(HealthReport)
    case metrics(ScrapeDigest)
    /// No usable answer: connection refused, timeout, too large, HTTP 5xx on /metrics, …
    case failed(String)
}

extension ProbeOutcome {
    /// Whether the probe got a usable answer (a failing health verdict is still an answer).
    public var succeeded: Bool {
        if case .failed = self { return false }
        return true
    }
}
