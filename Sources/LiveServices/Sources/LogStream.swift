import Ingest
import Monitoring

/// An instance's log stream: server-sent events whose data are log lines (JSON or logfmt),
/// decoded and sanitised as they arrive.
enum LogStream {
    static func open(fetcher: HTTPFetcher, url: String) -> AsyncThrowingStream<LogEntry, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var events = ServerSentEventDecoder()
                do {
                    for try await chunk in fetcher.stream(url, accept: "text/event-stream") {
                        for event in events.feed(chunk) {
                            continuation.yield(LogDecoder.decode(event.data).entry)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
