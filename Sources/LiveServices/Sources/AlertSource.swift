import Monitoring

/// An Alertmanager, as a role of a context's sources: it answers its active alerts and takes
/// silence requests, with its own credential, which goes to its origin and nowhere else.
public protocol AlertSource: Sendable {
    /// Its base URL (what a silence request is addressed to).
    var endpoint: String { get }
    /// The active alerts (`GET /api/v2/alerts`), or why they could not be read.
    func alerts() async -> AlertmanagerReading
    /// One request to its API, sent once with its credential; any other origin is refused.
    func send(method: String, url: String, headers: [(String, String)], body: String?) async throws(FetchError) -> HTTPFetcher.Response
}
