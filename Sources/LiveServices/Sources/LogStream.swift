import Ingest
import Monitoring

/// An instance's log stream: server-sent events whose data are log lines (JSON or logfmt),
/// decoded and sanitised as they arrive. The head must come within the fetcher's deadline;
/// silence ends the stream at the read timeout; and a stream that keeps sending bytes but
/// completes no line within the deadline is ended as stalled, so a wedged peer is shown, not
/// waited on.
enum LogStream {
    static func open(fetcher: HTTPFetcher, url: String) -> AsyncThrowingStream<LogEntry, any Error> {
        let stallAfter = fetcher.deadlineSeconds
        return AsyncThrowingStream { continuation in
            let task = Task {
                var events = ServerSentEventDecoder()
                var partialSince: ContinuousClock.Instant?
                do {
                    for try await chunk in fetcher.stream(url, accept: "text/event-stream") {
                        let completed = events.feed(chunk)
                        for event in completed {
                            continuation.yield(LogDecoder.decode(event.data).entry)
                        }
                        let now = ContinuousClock.now
                        if !events.isMidEvent {
                            partialSince = nil
                        } else if partialSince == nil || !completed.isEmpty {
                            partialSince = now
                        } else if let since = partialSince, now - since > .milliseconds(Int64(stallAfter * 1000)) {
                            throw FetchError.streamStalled(seconds: stallAfter)
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
