import Ingest
import Monitoring

/// An instance's log lines as a source serves them: server-sent events read from an opened
/// response, each event framed into a line (or skipped), decoded and sanitised. Lines are read
/// as the caller asks for them, on the caller's task: nothing runs ahead of the reader, so a
/// chute that logs faster than the dashboard takes lines is held back by TCP's flow control
/// instead of filling memory (the dashboard's log batches then drop the oldest and count them).
public struct LogLines: AsyncSequence, Sendable {
    public typealias Element = LogEntry

    /// Opens the response (its errors: `FetchError`, or a source's own).
    public typealias Open = @Sendable () async throws -> ResponseStream
    /// One event as a line; nil skips it (keep-alives, control frames); throws to end the stream.
    public typealias Frame = @Sendable (ServerSentEvent) throws -> LogEntry?

    enum Origin: Sendable {
        case stream(open: Open, frame: Frame, stallAfter: Double?, failure: @Sendable (FetchError) -> any Error)
        case failed(any Error)
    }

    let origin: Origin

    /// A stream read from `open`. `stallAfter`: a peer that keeps sending bytes but completes
    /// no event for that long ends the stream as stalled. `failure`: how a fetch failure is said.
    public init(open: @escaping Open, frame: @escaping Frame, stallAfter: Double?,
                failure: @escaping @Sendable (FetchError) -> any Error = { $0 }) {
        origin = .stream(open: open, frame: frame, stallAfter: stallAfter, failure: failure)
    }

    /// A stream that ends at once with `error` (a source that holds no logs says why).
    public init(failing error: any Error) { origin = .failed(error) }

    public func makeAsyncIterator() -> Iterator { Iterator(origin: origin) }

    public struct Iterator: AsyncIteratorProtocol {
        var origin: Origin?
        var response: ResponseStream?
        var events = ServerSentEventDecoder()
        /// Lines of the last piece read, handed out one per `next`.
        var ready: [LogEntry] = []
        var index = 0
        var partialSince: ContinuousClock.Instant?

        public mutating func next() async throws -> LogEntry? {
            while index == ready.count {
                switch origin {
                case nil:
                    return nil
                case .failed(let error)?:
                    origin = nil
                    throw error
                case .stream(let open, let frame, let stallAfter, let failure)?:
                    do {
                        if response == nil { response = try await open() }
                        guard let piece = try await response?.next() else {
                            end()
                            return nil
                        }
                        try take(piece, frame: frame, stallAfter: stallAfter)
                    } catch let e as FetchError {
                        end()
                        throw failure(e)
                    } catch {
                        end()
                        throw error
                    }
                }
            }
            defer { index += 1 }
            return ready[index]
        }

        private mutating func take(_ piece: [UInt8], frame: Frame, stallAfter: Double?) throws {
            ready.removeAll(keepingCapacity: true)
            index = 0
            let completed = events.feed(piece)
            for event in completed {
                if let line = try frame(event) { ready.append(line) }
            }
            guard let stallAfter else { return }
            let now = ContinuousClock.now
            if !events.isMidEvent {
                partialSince = nil
            } else if partialSince == nil || !completed.isEmpty {
                partialSince = now
            } else if let since = partialSince, now - since > .milliseconds(Int64(stallAfter * 1000)) {
                throw FetchError.streamStalled(seconds: stallAfter)
            }
        }

        private mutating func end() {
            origin = nil
            response = nil
        }
    }
}
