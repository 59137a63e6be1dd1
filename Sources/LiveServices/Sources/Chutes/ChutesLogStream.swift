import Ingest
import Monitoring

/// An instance's logs from the platform (`GET /instances/{id}/logs?backfill=N`, CHUTES-PLATFORM.md
/// §5): SSE frames of `{"log": …}`, each line decoded and sanitised like every log; control
/// frames and keep-alives are skipped, an `{"error": …}` frame or a cancelled stream ends it
/// with that sentence. The platform serves logs of private chutes only (403 otherwise).
enum ChutesLogStream {
    static func open(client: ChutesClient, instance: String, backfill: Int) -> LogLines {
        let url = client.base + "/instances/" + DirectSource.pathComponent(instance) + "/logs?backfill=\(backfill)"
        return LogLines(
            open: {
                try client.checkBackoff()
                return try await client.streams.openStream(url, accept: "text/event-stream")
            },
            frame: { event in
                switch ChutesLogFrame.decode(event) {
                case .line(let text), .other(let text): return LogDecoder.decode(text).entry
                case .error(let text): throw ChutesClient.Failure(description: "the platform's log stream: \(text)")
                case .control(let name, _) where name == "stream_cancelled" || name == "too_many_errors":
                    throw ChutesClient.Failure(description: "the platform ended the log stream (\(name))")
                case .control, .keepAlive: return nil
                }
            },
            stallAfter: nil,
            failure: { ChutesClient.Failure(description: explain($0)) })
    }

    /// The stream's HTTP refusals in the platform's terms.
    static func explain(_ e: FetchError) -> String {
        switch e {
        case .status(403, _): "the platform serves logs of private chutes only, to their owner (HTTP 403)"
        case .status(401, _): "the platform refused the key for logs (HTTP 401): logs need an admin key"
        case .status(404, _): "the platform no longer has this instance (HTTP 404)"
        case .status(429, _): "the platform is rate-limiting this key (HTTP 429): open the logs again later"
        default: "the platform's log stream: \(e)"
        }
    }
}
