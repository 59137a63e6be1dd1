import Dashboard
import FleetEngine
import Testing
@testable import LiveServices

/// The two ways a GET leaves chutetop: AsyncHTTPClient's fetcher (control API, logs,
/// Prometheus, the platform) and the scrape client (a direct source's probes on kept
/// connections). Tests of a guarantee both must keep run once through each.
enum HTTPPath: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case fetcher, scraper
    var testDescription: String { rawValue }
}

/// One client on either path, with the status and body of an answer.
final class PathClient: Sendable {
    struct Fetched: Sendable {
        var status: Int
        var body: [UInt8]
    }

    private let fetcher: HTTPFetcher?
    private let scraper: ScrapeClient?

    init(_ path: HTTPPath, settings: PollSettings, tls: TLSSettings = TLSSettings(), authorization: String? = nil) {
        fetcher = path == .fetcher ? HTTPFetcher(settings: settings, tls: tls, authorization: authorization) : nil
        scraper = path == .scraper ? ScrapeClient(settings: settings, tls: tls, authorization: authorization) : nil
    }

    func get(_ url: String) async throws(FetchError) -> Fetched {
        if let fetcher {
            let r = try await fetcher.get(url)
            return Fetched(status: r.status, body: r.body)
        }
        // The URL is its own target: one kept connection per URL.
        return try await scraper!.get(url, target: url, accept: "*/*") { Fetched(status: $0.status, body: Array($1)) }
    }

    func result(_ url: String) async -> Result<Fetched, FetchError> {
        do { return .success(try await get(url)) } catch { return .failure(error) }
    }

    func shutdown() async {
        await fetcher?.shutdown()
        await scraper?.shutdown()
    }
}
