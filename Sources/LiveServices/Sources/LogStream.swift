import Ingest
import Monitoring

/// An instance's log stream: server-sent events whose data are log lines (JSON or logfmt),
/// decoded and sanitised as they are read. The head must come within the fetcher's deadline;
/// silence ends the stream at the read timeout; and a stream that keeps sending bytes but
/// completes no line within the deadline is ended as stalled, so a wedged peer is shown, not
/// waited on.
enum LogStream {
    static func open(fetcher: HTTPFetcher, url: String) -> LogLines {
        LogLines(open: { try await fetcher.openStream(url, accept: "text/event-stream") },
                 frame: { LogDecoder.decode($0.data).entry },
                 stallAfter: fetcher.deadlineSeconds)
    }
}
