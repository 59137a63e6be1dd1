import FleetEngine
import AsyncHTTPClient
import Dashboard
import Foundation
import NIOCore
import NIOSSL

/// GETs and POSTs over one AsyncHTTPClient with the poll settings: connect and read timeouts
/// and a hard deadline of both together for the whole response, body included (a peer that
/// drips its body is cut off at the deadline: `RequestDeadline`), capped redirects, a response size cap, TLS verified unless the
/// source explicitly skips it, and the source's credential on every request. Connection
/// attempts are not retried by the client: a dead target fails at once, and the schedule
/// decides when to try again.
public final class HTTPFetcher: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String?
        public var body: [UInt8]
        /// The `Retry-After` header, when the server sent one (a 429 or 503 says how long to wait).
        public var retryAfter: String? = nil
    }

    private let client: HTTPClient
    private let settings: PollSettings
    private let authorization: String?

    public init(settings: PollSettings, tls: TLSSettings, authorization: String?) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: settings.maxRedirects == 0 ? .disallow : .follow(max: settings.maxRedirects, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)), read: .milliseconds(Int64(settings.readTimeout * 1000))))
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if tls.insecureSkipVerify { tlsConfiguration.certificateVerification = .none }
        configuration.tlsConfiguration = tlsConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, settings.concurrency)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.settings = settings
        self.authorization = authorization
    }

    /// The hard bound on one request, body included: connect + read timeouts.
    var deadlineSeconds: Double { settings.connectTimeout + settings.readTimeout }

    private var timeouts: (connect: Double, read: Double, deadline: Double) {
        (settings.connectTimeout, settings.readTimeout, deadlineSeconds)
    }

    /// Ends every connection; call once, before the fetcher is dropped.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// A fetcher dropped without `shutdown` (a path that threw before it) still ends its
    /// connections: the client is shut down by a task that holds it until then. (AsyncHTTPClient
    /// traps in a debug build when a client is freed unshut: one forgotten error path took the
    /// whole test process down.) Shutting down a client twice is refused, harmlessly.
    deinit {
        let client = client
        Task { try? await client.shutdown() }
    }

    public func get(_ url: String, accept: String? = nil) async throws(FetchError) -> Response {
        try await send(HTTPClientRequest(url: url), accept: accept)
    }

    public func post(_ url: String, json: [UInt8]) async throws(FetchError) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(json)
        return try await send(request, accept: "application/json")
    }

    /// Any method with the given headers and body (runbook steps). Sent once: nothing here
    /// retries.
    public func send(method: String, url: String, headers: [(String, String)], body: String?) async throws(FetchError) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(Array(body.utf8)) }
        return try await send(request, accept: nil)
    }

    /// A long-lived GET (a log stream), opened: the response head must come within the request
    /// deadline (connect + read); after that the read timeout ends a stream that goes silent.
    /// Non-2xx answers are an error. The body is read as the caller asks for it
    /// (`ResponseStream.next`), so a reader slower than the peer holds the peer back (TCP flow
    /// control) instead of buffering what it has not read yet.
    public func openStream(_ url: String, accept: String) async throws(FetchError) -> ResponseStream {
        let timeouts = self.timeouts
        do {
            let response: HTTPClientResponse
            do {
                response = try await client.execute(prepared(HTTPClientRequest(url: url), accept: accept), timeout: .milliseconds(Int64(timeouts.deadline * 1000)))
            } catch let e as HTTPClientError where e == .deadlineExceeded {
                throw FetchError.noResponseHead(seconds: timeouts.deadline)
            }
            guard (200..<300).contains(Int(response.status.code)) else {
                let body = try? await response.body.collect(upTo: 8192)
                throw HTTPStatusLine.failure(Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                                             body: body.map { Array($0.readableBytesView) } ?? [])
            }
            return ResponseStream(body: response.body.makeAsyncIterator(), timeouts: timeouts)
        } catch let e as FetchError {
            throw e
        } catch {
            throw await CertificateDiagnosis.explained(FetchError(error, timeouts: timeouts), url: url, connectTimeout: timeouts.connect)
        }
    }

    /// A request whose answer is read as it arrives (the Chutes warm-up's event stream): `chunk`
    /// sees each piece of a 2xx body and answers whether to go on; the whole exchange may take
    /// `timeout` seconds. The answer holds the status, `Retry-After` and the body read (capped).
    /// Sent once.
    public func sendStreaming(method: String, url: String, headers: [(String, String)], body: String?, timeout: Double,
                              chunk: @escaping @Sendable ([UInt8]) -> Bool) async throws(FetchError) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(Array(body.utf8)) }
        let prepared = prepared(request, accept: "text/event-stream")
        let client = self.client, limit = settings.maxResponseBytes, timeouts = (settings.connectTimeout, settings.readTimeout, timeout)
        // The whole exchange within `timeout`, as every request within its deadline: a stream
        // that keeps sending keep-alives is cut off there too, not only a silent one.
        return try await RequestDeadline.within(seconds: timeout, expired: .noCompleteResponse(seconds: timeout)) {
            do {
                let response = try await client.execute(prepared, timeout: .milliseconds(Int64(timeout * 1000)))
                let ok = (200..<300).contains(Int(response.status.code))
                var read: [UInt8] = []
                for try await piece in response.body {
                    let bytes = Array(piece.readableBytesView)
                    if read.count + bytes.count <= limit { read += bytes }
                    if ok && !chunk(bytes) { break }
                }
                return .success(Response(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: read,
                                         retryAfter: response.headers.first(name: "Retry-After")))
            } catch let e as FetchError {
                return .failure(e)
            } catch {
                return .failure(FetchError(error, timeouts: timeouts))
            }
        }.get()
    }

    /// Every request's headers: what it accepts, the credential, who asks.
    private func prepared(_ request: HTTPClientRequest, accept: String?) -> HTTPClientRequest {
        var request = request
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "User-Agent", value: "chutetop")
        return request
    }

    /// One request within its deadline (connect + read timeouts), body included.
    private func send(_ request: HTTPClientRequest, accept: String?) async throws(FetchError) -> Response {
        let request = prepared(request, accept: accept)
        let timeouts = self.timeouts, client = self.client, limit = settings.maxResponseBytes
        let deadline = timeouts.deadline
        return try await RequestDeadline.within(seconds: deadline, expired: .noCompleteResponse(seconds: deadline)) {
            do {
                return .success(try await Self.exchange(request, client: client, deadline: deadline, limit: limit))
            } catch let e as FetchError {
                return .failure(e)
            } catch {
                return .failure(await CertificateDiagnosis.explained(FetchError(error, timeouts: timeouts), url: request.url, connectTimeout: timeouts.connect))
            }
        }.get()
    }

    private static func exchange(_ request: HTTPClientRequest, client: HTTPClient, deadline: Double, limit: Int) async throws -> Response {
        let response = try await client.execute(request, timeout: .milliseconds(Int64(deadline * 1000)))
        var body: [UInt8] = []
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init) {
            guard length <= limit else { throw FetchError.tooLarge(limit: limit) }
            body.reserveCapacity(length)
        }
        for try await chunk in response.body {
            guard body.count + chunk.readableBytes <= limit else { throw FetchError.tooLarge(limit: limit) }
            body.append(contentsOf: chunk.readableBytesView)
        }
        return Response(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: body,
                        retryAfter: response.headers.first(name: "Retry-After"))
    }
}
