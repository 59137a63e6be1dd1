/// A hard bound on one request, whatever the peer does: the work races a timer, and when the
/// timer wins the work is cancelled (AsyncHTTPClient then closes the connection, whether it
/// is waiting for the head or iterating a body that arrives a byte at a time) and the caller
/// gets `expired` at once. The client's own deadline covers only the wait for the response
/// head, and its read timeout only silence, so neither stops a dripping body.
enum RequestDeadline {
    static func within<T: Sendable>(seconds: Double, expired: FetchError,
                                    _ work: @escaping @Sendable () async -> Result<T, FetchError>) async -> Result<T, FetchError> {
        await withTaskGroup(of: Result<T, FetchError>?.self) { group in
            group.addTask { await work() }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                return Task.isCancelled ? nil : .failure(expired)
            }
            // The first outcome wins; a timer cancelled because the work finished says nothing.
            while let outcome = await group.next() {
                guard let outcome else { continue }
                group.cancelAll()
                return outcome
            }
            return .failure(.other("cancelled"))
        }
    }
}
