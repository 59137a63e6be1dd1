import Dashboard
import FleetEngine
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

/// The direct source's probes (health, readiness, metrics) on SwiftNIO's own HTTP/1.1 codec:
/// one kept-alive connection per target, reused across polls, each answer's body gathered in
/// one buffer (sized by Content-Length when given) and handed to the reader in place (the
/// metrics page is parsed where it landed), then freed. The guarantees are `HTTPFetcher`'s, in its words: connect and read
/// timeouts and a deadline of both for the whole exchange, body and redirects included
/// (`ScrapeExchangeHandler` bounds it on the event loop); the size cap on every chunk and on the
/// decoded body; redirects up to the cap, a cycle refused, the credential dropped when one
/// leaves the origin (as AsyncHTTPClient does); TLS verified unless the source skips it, a
/// rejected certificate explained by `CertificateDiagnosis`; `Accept-Encoding: gzip` sent, as
/// Prometheus does, and gzip decoded. A connection that fails, or that the server closes, is
/// dropped; the next poll opens a new one. Nothing is retried: the schedule decides.
final class ScrapeClient: Sendable {
    /// What the reader of an answer sees beside its body.
    struct Head: Sendable {
        var status: Int
        var contentType: String?
    }

    private let settings: PollSettings
    private let authorization: String?
    private let tlsContext: Result<NIOSSLContext, FetchError>
    private let connections: KeptConnections
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    /// `idleTimeout`: how long a kept connection may wait unused before it is closed.
    init(settings: PollSettings, tls: TLSSettings, authorization: String?, idleTimeout: TimeAmount = .seconds(90)) {
        connections = KeptConnections(idleTimeout: idleTimeout)
        self.settings = settings
        self.authorization = authorization
        var configuration = TLSConfiguration.makeClientConfiguration()
        if tls.insecureSkipVerify { configuration.certificateVerification = .none }
        tlsContext = Result { try NIOSSLContext(configuration: configuration) }.mapError { FetchError.tls("cannot set up TLS: \($0)") }
    }

    private var timeouts: ScrapeTimeouts {
        ScrapeTimeouts(connect: settings.connectTimeout, read: settings.readTimeout, deadline: settings.connectTimeout + settings.readTimeout)
    }

    /// Idle connections held (tests).
    var idleConnections: Int { connections.idleCount }

    /// Ends every kept connection; call once, before the client is dropped.
    func shutdown() async { await connections.closeAll() }

    /// GETs `url` on `target`'s kept connection (its base URL: one connection per target and
    /// origin) and hands the answer to `read` while its body is in the connection's buffer;
    /// the connection is kept for the next poll only after `read` returns.
    func get<T>(_ url: String, target: String, accept: String, _ read: (Head, UnsafeBufferPointer<UInt8>) -> T) async throws(FetchError) -> T {
        guard var current = ScrapeURL(url) else { throw .invalidURL }
        let deadline = NIODeadline.now() + ScrapeTimeouts.amount(timeouts.deadline)
        var visited = [current.string]
        var authorization = self.authorization
        while true {
            let key = target + " " + current.origin
            let (channel, answer) = try await exchange(current, key: key, authorization: authorization, accept: accept, deadline: deadline)
            if settings.maxRedirects > 0, let next = Self.redirect(answer.head, from: current) {
                release(channel, key: key, keepAlive: answer.head.isKeepAlive)
                // AsyncHTTPClient's rule: `maxRedirects` hops, and never back to a URL seen.
                guard visited.count <= settings.maxRedirects, !visited.contains(next.string) else { throw .tooManyRedirects }
                visited.append(next.string)
                if next.origin != current.origin { authorization = nil }
                current = next
                continue
            }
            let head = Head(status: Int(answer.head.status.code), contentType: answer.head.headers.first(name: "content-type"))
            let keepAlive = answer.head.isKeepAlive
            let value = answer.body.withUnsafeReadableBytes { read(head, $0.assumingMemoryBound(to: UInt8.self)) }
            release(channel, key: key, keepAlive: keepAlive)
            return value
        }
    }

    /// Where a redirect points, when the answer is one (AsyncHTTPClient's statuses, http and
    /// https only).
    private static func redirect(_ head: HTTPResponseHead, from url: ScrapeURL) -> ScrapeURL? {
        switch head.status {
        case .movedPermanently, .found, .seeOther, .notModified, .useProxy, .temporaryRedirect, .permanentRedirect: break
        default: return nil
        }
        return head.headers.first(name: "location").flatMap(url.resolving)
    }

    private func release(_ channel: any Channel, key: String, keepAlive: Bool) {
        if keepAlive { connections.giveBack(channel, key: key) } else { channel.close(promise: nil) }
    }

    /// One request and its whole answer on a kept connection for `key`, or a new one.
    private func exchange(_ url: ScrapeURL, key: String, authorization: String?, accept: String,
                          deadline: NIODeadline) async throws(FetchError) -> (any Channel, ScrapeAnswer) {
        let timeouts = self.timeouts
        do {
            let channel: any Channel
            if let kept = connections.take(key) { channel = kept } else { channel = try await open(url, key: key) }
            let answer = channel.eventLoop.makePromise(of: ScrapeAnswer.self)
            let request = ScrapeRequest(head: Self.requestHead(url, authorization: authorization, accept: accept),
                                        limit: settings.maxResponseBytes, timeouts: timeouts, deadline: deadline, answer: answer)
            // A connection closed since it was taken never reaches the handler: the write fails.
            channel.writeAndFlush(request).whenFailure { answer.fail($0) }
            let received = try await withTaskCancellationHandler {
                try await answer.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
            return (channel, received)
        } catch {
            if Task.isCancelled { throw .other("cancelled") }
            let e = error as? FetchError ?? FetchError(error, timeouts: timeouts.asTuple)
            throw await CertificateDiagnosis.explained(e, url: url.string, connectTimeout: timeouts.connect)
        }
    }

    private static func requestHead(_ url: ScrapeURL, authorization: String?, accept: String) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: url.hostHeader)
        headers.add(name: "User-Agent", value: "chutetop")
        headers.add(name: "Accept", value: accept)
        headers.add(name: "Accept-Encoding", value: "gzip")
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        return HTTPRequestHead(version: .http1_1, method: .GET, uri: url.requestTarget, headers: headers)
    }

    /// A new connection: TCP (within the connect timeout), TLS when the URL says https (the
    /// handshake within the connect timeout too, before anything is sent, as AsyncHTTPClient
    /// does), the HTTP/1.1 codec, the gzip decoder (capped at the size limit) and the exchange
    /// handler.
    private func open(_ url: ScrapeURL, key: String) async throws -> any Channel {
        guard connections.isOpen else { throw FetchError.other("the source was shut down") }
        let tls: NIOSSLContext? = url.secure ? try tlsContext.get() : nil
        let limit = settings.maxResponseBytes, connectTimeout = settings.connectTimeout
        let serverName = url.hostIsIPAddress ? nil : url.host
        let loop = group.next()
        let handshake = tls == nil ? nil : loop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(ScrapeTimeouts.amount(connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let tls { try pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                        try pipeline.addHTTPClientHandlers()
                        try pipeline.addHandler(NIOHTTPResponseDecompressor(limit: .size(limit)))
                        try pipeline.addHandler(ScrapeExchangeHandler(handshake: handshake, allocator: channel.allocator))
                    }
                }
                .connect(host: url.host, port: url.port).get()
        } catch {
            handshake?.fail(error)
            throw error
        }
        let connections = self.connections
        channel.closeFuture.whenComplete { _ in connections.forget(channel, key: key) }
        if let handshake {
            let late = loop.scheduleTask(in: ScrapeTimeouts.amount(connectTimeout)) {
                handshake.fail(FetchError.tls("no TLS handshake within \(FetchError.seconds(connectTimeout)) s"))
            }
            defer { late.cancel() }
            do {
                try await handshake.futureResult.get()
            } catch {
                channel.close(promise: nil)
                throw error
            }
        }
        return channel
    }
}
