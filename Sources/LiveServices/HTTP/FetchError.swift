import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Why a request got no usable answer, in words an operator reads at 3 a.m.: one class of
/// network failure per case, never the library's text ("read(descriptor:pointer:size:)…",
/// "invalid constant string").
public enum FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    case connectionRefused
    /// The peer reset the connection (RST), before or during the response.
    case connectionReset
    /// The peer closed the connection before the response ended.
    case closedEarly
    case connectTimedOut(seconds: Double)
    /// Nothing arrived for the read timeout (the peer accepted and went quiet).
    case readTimedOut(seconds: Double)
    /// The whole response, body included, did not arrive within the request's deadline
    /// (connect + read timeouts), whatever the peer kept sending.
    case noCompleteResponse(seconds: Double)
    /// A stream's response head did not arrive within the deadline.
    case noResponseHead(seconds: Double)
    /// A stream kept sending bytes but completed nothing for this long.
    case streamStalled(seconds: Double)
    /// What came back was not HTTP (random bytes, another protocol on the port).
    case notHTTP
    case tooLarge(limit: Int)
    /// A gzip- or deflate-encoded body that does not decode (corrupt or cut short).
    case undecodableBody
    case tooManyRedirects
    /// The host name did not resolve to an address (no such name, or no answer from DNS).
    case unresolvedHost(String)
    case tls(String)
    /// An answer with a status that is not success: code, reason phrase and the body's first
    /// words (`HTTPStatusLine`).
    case status(Int, String)
    case invalidURL
    case other(String)

    init(_ error: any Error, timeouts: (connect: Double, read: Double, deadline: Double)) {
        if let e = error as? HTTPClientError {
            self = Self.client(e, timeouts: timeouts)
        } else if let e = error as? NIOConnectionError {
            if let first = e.connectionErrors.first {
                self = Self.transport(first.error)
            } else if e.dnsAError != nil || e.dnsAAAAError != nil {
                self = .unresolvedHost(e.host)
            } else {
                self = .other("connection failed")
            }
        } else if error is HTTPParserError {
            self = .notHTTP
        } else if let e = error as? ChannelError, case .connectTimeout = e {
            self = .connectTimedOut(seconds: timeouts.connect)
        } else if let e = error as? ChannelError, e == .ioOnClosedChannel || e == .alreadyClosed || e == .eof || e == .outputClosed {
            self = .closedEarly
        } else if error is CancellationError {
            self = .other("cancelled")
        } else {
            self = Self.transport(error)
        }
    }

    private static func client(_ e: HTTPClientError, timeouts: (connect: Double, read: Double, deadline: Double)) -> FetchError {
        switch e {
        case .connectTimeout, .getConnectionFromPoolTimeout: .connectTimedOut(seconds: timeouts.connect)
        case .tlsHandshakeTimeout: .tls("no TLS handshake within \(seconds(timeouts.connect)) s")
        case .readTimeout: .readTimedOut(seconds: timeouts.read)
        case .deadlineExceeded: .noCompleteResponse(seconds: timeouts.deadline)
        case .redirectLimitReached, .redirectCycleDetected: .tooManyRedirects
        case .invalidURL, .emptyHost, .emptyScheme: .invalidURL
        case .remoteConnectionClosed, .bodyLengthMismatch, .uncleanShutdown: .closedEarly
        case .cancelled: .other("cancelled")
        case .identityCodingIncorrectlyPresent, .contentLengthMissing: .notHTTP
        default: .other(String(describing: e))
        }
    }

    /// A socket or TLS error by its class.
    private static func transport(_ error: any Error) -> FetchError {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .connectionRefused
            case ECONNRESET, EPIPE: return .connectionReset
            case ETIMEDOUT: return .other("the connection timed out (no answer from the network)")
            case EHOSTUNREACH, ENETUNREACH: return .other("no route to the host")
            default: return .other(String(cString: strerror(io.errnoCode)).lowercased())
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError { return tls(error) }
        if error is HTTPParserError { return .notHTTP }
        return .other(String(describing: error))
    }

    /// TLS failures in words: the library's text names C files and error numbers.
    private static func tls(_ error: any Error) -> FetchError {
        if let e = error as? NIOSSLExtraError, e == .failedToValidateHostname {
            return .tls("certificate name mismatch (it does not name this host)")
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return unverifiedCertificate }
        if text.contains("WRONG_VERSION_NUMBER") { return .tls("the server does not speak TLS on this port") }
        if let e = error as? NIOSSLError, case .uncleanShutdown = e { return .closedEarly }
        if let e = error as? NIOSSLError, case .handshakeFailed = e { return .tls("handshake failed") }
        return .tls(text.count > 120 ? String(text.prefix(120)) + "…" : text)
    }

    /// The handshake's word for every certificate problem; `CertificateDiagnosis` says which.
    static let unverifiedCertificate = FetchError.tls("certificate not trusted (verification failed)")

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }

    public var description: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .connectionReset: "connection reset by peer"
        case .closedEarly: "the connection closed before the response ended"
        case .connectTimedOut(let s): "timed out connecting (\(Self.seconds(s)) s)"
        case .readTimedOut(let s): "no data for \(Self.seconds(s)) s (read timeout)"
        case .noCompleteResponse(let s): "no complete response within \(Self.seconds(s)) s"
        case .noResponseHead(let s): "no response within \(Self.seconds(s)) s"
        case .streamStalled(let s): "the stream stalled: no complete line for \(Self.seconds(s)) s"
        case .notHTTP: "not an HTTP response"
        case .tooLarge(let limit): "response larger than \(limit / 1_048_576 > 0 ? "\(limit / 1_048_576) MiB" : "\(limit) bytes")"
        case .undecodableBody: "the compressed body could not be decoded"
        case .tooManyRedirects: "too many redirects"
        case .unresolvedHost(let host): "the host name '\(host)' does not resolve (DNS)"
        case .tls(let m): "TLS: " + m
        case .status(let code, let reason): "HTTP \(code)" + (reason.isEmpty ? "" : " " + reason)
        case .invalidURL: "invalid URL"
        case .other(let m): m
        }
    }
}
