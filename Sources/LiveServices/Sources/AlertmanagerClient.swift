import Dashboard
import FleetEngine
import Foundation
import Ingest
import Monitoring

/// Alertmanager's API v2 over its own `HTTPFetcher`: the configured credential and TLS, the
/// context's timeouts and size cap, and no redirects (a redirect would carry the credential to
/// another origin). A failure is a reading (`.failed`) with the reason, never thrown at the
/// engine.
public final class AlertmanagerClient: AlertSource, ClosableSource {
    public let endpoint: String
    let fetcher: HTTPFetcher

    public init(_ config: AlertmanagerConfig, settings: PollSettings) throws(CredentialResolver.Failure) {
        endpoint = config.url
        let authorization = try config.credentials.map { (c) throws(CredentialResolver.Failure) in try CredentialResolver.authorization(c) }
        var settings = settings
        settings.maxRedirects = 0
        fetcher = HTTPFetcher(settings: settings, tls: config.tls, authorization: authorization)
    }

    public func shutdown() async { await fetcher.shutdown() }

    public func alerts() async -> AlertmanagerReading {
        do {
            // Active alerts only; silenced and inhibited ones are shown as such.
            let r = try await fetcher.get(endpoint + "/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true", accept: "application/json")
            guard r.status == 200 else { return .failed("alertmanager: HTTP \(r.status) \(TerminalSanitizer.sanitize(r.body.prefix(160)))") }
            return .alerts(try AlertmanagerAPI.alerts(Data(r.body)))
        } catch let e as AlertmanagerAPI.Failure {
            return .failed("alertmanager: \(e)")
        } catch {
            return .failed("alertmanager: \(error)")
        }
    }

    /// The silences it holds (`GET /api/v2/silences`).
    public func silences() async throws -> [AlertmanagerAPI.Silence] {
        let r = try await fetcher.get(endpoint + "/api/v2/silences", accept: "application/json")
        guard r.status == 200 else { throw HTTPStatusLine.failure(r.status, contentType: r.contentType, body: r.body) }
        return try AlertmanagerAPI.silences(Data(r.body))
    }

    public func send(method: String, url: String, headers: [(String, String)], body: String?) async throws(FetchError) -> HTTPFetcher.Response {
        guard DirectControlPlane.sameOrigin(url, endpoint) else {
            throw FetchError.other("refused: \(url) is not at the Alertmanager \(endpoint); its credential goes nowhere else")
        }
        return try await fetcher.send(method: method, url: url, headers: headers, body: body)
    }
}
