import Foundation
import Ingest
import Monitoring

/// The Chutes platform as a control plane: its catalog (warm-up, disable, enable; scale and
/// restarts listed with the platform's reason), its API as `{{controlAPI}}`, the account's key
/// sent only there, and the warm-up stream read as it goes (each frame's `log` to `progress`)
/// until the chute is hot, the stream ends, or the platform's 600 s are up. Sent once; a 429
/// starts the client's wait like any other.
public struct ChutesControlPlane: ControlPlane {
    public let endpoint: String?
    let client: ChutesClient

    /// The platform streams a warm-up for up to 600 s; a little more before giving up.
    static let warmUpTimeout = 630.0

    init(endpoint: String, client: ChutesClient) {
        self.endpoint = endpoint
        self.client = client
    }

    public var catalog: [RunbookAction] { PlatformActions.catalog() }

    public func send(method: String, url: String, headers: [(String, String)], body: String?) async throws(FetchError) -> HTTPFetcher.Response {
        try await send(method: method, url: url, headers: headers, body: body, progress: { _ in })
    }

    public func send(method: String, url: String, headers: [(String, String)], body: String?,
                     progress: @escaping @Sendable (String) -> Void) async throws(FetchError) -> HTTPFetcher.Response {
        guard let endpoint, DirectControlPlane.sameOrigin(url, endpoint) else {
            throw FetchError.other("refused: \(url) is not at the Chutes platform \(endpoint ?? "(none)"); its key goes nowhere else")
        }
        do { try client.checkBackoff() } catch { throw FetchError.other("not sent: \(error)") }
        let r: HTTPFetcher.Response
        if method == "GET" && url.contains("/chutes/warmup/") && !url.contains("quick=true") {
            r = try await warmUp(url, headers: headers, progress: progress)
        } else {
            r = try await client.fetcher.send(method: method, url: url, headers: headers, body: body)
        }
        // A 429 starts the wait (the outcome says it); the step itself is never retried.
        try? client.check(r, path: URLComponents(string: url)?.path ?? url)
        return r
    }

    /// The warm-up's event stream: each frame's `log` goes to `progress`; it stops at "hot".
    private func warmUp(_ url: String, headers: [(String, String)], progress: @escaping @Sendable (String) -> Void) async throws(FetchError) -> HTTPFetcher.Response {
        let decoder = EventBox()
        var r = try await client.streams.sendStreaming(method: "GET", url: url, headers: headers, body: nil, timeout: Self.warmUpTimeout) { chunk in
            decoder.feed(chunk, progress: progress)
        }
        if (200..<300).contains(r.status) {
            guard let last = decoder.last else { return HTTPFetcher.Response(status: 504, contentType: nil, body: Array("the warm-up stream ended without a status".utf8)) }
            if last.status != "hot" {
                r.status = 504
                r.body = Array("still \(last.status ?? "cold") when the platform's warm-up ended: \(last.log ?? "")".utf8)
            } else {
                r.body = Array((last.log ?? "hot").utf8)
            }
        }
        return r
    }

    /// The warm-up frames seen so far (`{"status": "cold"|"hot", "log": …}`).
    final class EventBox: @unchecked Sendable {
        struct Frame { var status: String?; var log: String? }
        private let lock = NSLock()
        private var events = ServerSentEventDecoder()
        private(set) var last: Frame?

        /// Whether to read on (false once hot).
        func feed(_ chunk: [UInt8], progress: (String) -> Void) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            for event in events.feed(chunk) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any] else { continue }
                let frame = Frame(status: (object["status"] as? String).map(TerminalSanitizer.sanitize),
                                  log: (object["log"] as? String).map(TerminalSanitizer.sanitize))
                last = frame
                if let log = frame.log { progress(log) }
                if frame.status == "hot" { return false }
            }
            return true
        }
    }
}
