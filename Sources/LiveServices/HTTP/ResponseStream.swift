import AsyncHTTPClient

/// An opened long-lived response (`HTTPFetcher.openStream`): its body, a piece at a time, read
/// from the connection only when asked for. Failures come in an operator's words (`FetchError`).
public struct ResponseStream {
    var body: HTTPClientResponse.Body.AsyncIterator
    let timeouts: (connect: Double, read: Double, deadline: Double)

    /// The next piece of the body; nil when the peer ended it.
    public mutating func next() async throws(FetchError) -> [UInt8]? {
        do {
            return try await body.next().map { Array($0.readableBytesView) }
        } catch {
            throw FetchError(error, timeouts: timeouts)
        }
    }
}
