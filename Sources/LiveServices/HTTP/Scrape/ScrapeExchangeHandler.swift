import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOSSL
import NIOTLS

/// One request on a kept-alive connection: what to send and the bounds its answer must keep.
struct ScrapeRequest: Sendable {
    var head: HTTPRequestHead
    /// The largest body accepted, after decoding.
    var limit: Int
    var timeouts: ScrapeTimeouts
    /// The whole exchange's end (redirects included), set when it started.
    var deadline: NIODeadline
    var answer: EventLoopPromise<ScrapeAnswer>
}

/// The poll settings' bounds, in seconds for the words and as NIO amounts for the timers.
struct ScrapeTimeouts: Sendable {
    var connect: Double
    var read: Double
    var deadline: Double

    var asTuple: (connect: Double, read: Double, deadline: Double) { (connect, read, deadline) }
    static func amount(_ seconds: Double) -> TimeAmount { .nanoseconds(Int64(seconds * 1e9)) }
}

/// A whole answer: its head and its body, decoded, in a buffer of its own.
struct ScrapeAnswer: Sendable {
    var head: HTTPResponseHead
    var body: ByteBuffer
}

/// The end of a kept-alive connection's pipeline (after the HTTP/1.1 codec and the gzip
/// decoder): takes one `ScrapeRequest` at a time, writes it, and gathers the answer's body into
/// one buffer that goes with the answer (none is kept between polls). It alone bounds the
/// exchange, on the event loop, with one timer: silence within the read timeout, the whole
/// answer within the deadline (a body that drips is cut off there); and the size cap on every
/// chunk (mid-chunk too) and on decoded bytes. Any failure fails the request in the fetcher's
/// words and closes the connection, so a broken connection is never reused. On a TLS
/// connection it also says how the handshake ended (`handshake`), before any request is sent.
final class ScrapeExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = ScrapeRequest
    typealias OutboundOut = HTTPClientRequestPart

    private var request: ScrapeRequest?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer
    private var lastRead = NIODeadline.now()
    private var timer: Scheduled<Void>?
    private let handshake: EventLoopPromise<Void>?

    init(handshake: EventLoopPromise<Void>?, allocator: ByteBufferAllocator) {
        self.handshake = handshake
        body = allocator.buffer(capacity: 0)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let next = Self.unwrapOutboundIn(data)
        guard request == nil else {
            next.answer.fail(FetchError.other("a request is already in flight on this connection"))
            promise?.fail(ChannelError.inappropriateOperationForState)
            return
        }
        request = next
        head = nil
        body.clear()
        lastRead = .now()
        arm(context)
        context.write(Self.wrapOutboundOut(.head(next.head)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        written.futureResult.whenFailure { error in bound.value.0.fail(error, context: bound.value.1) }
        written.futureResult.cascade(to: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let request else {
            // An answer nobody asked for: the connection cannot be trusted to frame the next one.
            context.close(promise: nil)
            return
        }
        lastRead = .now()
        switch Self.unwrapInboundIn(data) {
        case .head(let h):
            if let length = h.headers.first(name: "content-length").flatMap(Int.init) {
                guard length <= request.limit else { return fail(FetchError.tooLarge(limit: request.limit), context: context) }
                if !h.headers.contains(name: "content-encoding") { body.reserveCapacity(length) }
            }
            head = h
        case .body(var chunk):
            guard body.readableBytes + chunk.readableBytes <= request.limit else {
                return fail(FetchError.tooLarge(limit: request.limit), context: context)
            }
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return fail(FetchError.notHTTP, context: context) }
            finish(context)
            // The body goes with the answer and is freed once parsed: a buffer kept per
            // connection held a page's size for every target between polls (RSS).
            let answer = body
            body = context.channel.allocator.buffer(capacity: 0)
            request.answer.succeed(ScrapeAnswer(head: head, body: answer))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? TLSUserEvent, case .handshakeCompleted = e { handshake?.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A TLS peer that closes without close_notify (`openssl s_server -www`, many HTTP/1.0
        // servers): the close that follows ends a body read to the end, or says it closed early.
        if let e = error as? NIOSSLError, case .uncleanShutdown = e { return }
        // Before any request: the handshake failed (or an idle connection broke).
        handshake?.fail(error)
        guard request != nil else { return context.close(promise: nil) }
        fail(error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshake?.fail(FetchError.closedEarly)
        fail(FetchError.closedEarly, context: context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        handshake?.fail(FetchError.closedEarly)
        fail(FetchError.closedEarly, context: context)
    }

    /// Ends the request in flight, if any, with the error in an operator's words, and closes
    /// the connection.
    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard let request else { return }
        finish(context)
        request.answer.fail(Self.words(for: error, request))
        context.close(promise: nil)
    }

    private func finish(_ context: ChannelHandlerContext) {
        request = nil
        timer?.cancel()
        timer = nil
    }

    /// One timer per request, at the earliest bound still open; when it fires early (the peer
    /// spoke since) it is set again.
    private func arm(_ context: ChannelHandlerContext) {
        guard let request else { return }
        let now = NIODeadline.now()
        let timeouts = request.timeouts
        if now >= request.deadline { return fail(FetchError.noCompleteResponse(seconds: timeouts.deadline), context: context) }
        let silenceEnd = lastRead + ScrapeTimeouts.amount(timeouts.read)
        if now >= silenceEnd { return fail(FetchError.readTimedOut(seconds: timeouts.read), context: context) }
        let wake = min(request.deadline, silenceEnd)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: wake) { bound.value.0.arm(bound.value.1) }
    }

    private static func words(for error: any Error, _ request: ScrapeRequest) -> FetchError {
        switch error {
        case let e as FetchError: e
        case let e as NIOHTTPDecompression.DecompressionError where e == .limit: .tooLarge(limit: request.limit)
        case is NIOHTTPDecompression.DecompressionError, is NIOHTTPDecompression.ExtraDecompressionError: .undecodableBody
        case let e as HTTPParserError where e == .invalidEOFState: .closedEarly
        default: FetchError(error, timeouts: request.timeouts.asTuple)
        }
    }
}
