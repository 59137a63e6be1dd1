import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Why a request got no usable answer, in words an operator reads at 3 a.m.
public enum FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    case connectionRefused
    /// `what`: connect, read (no data for that long) or the whole request.
    case timedOut(what: String, seconds: Double)
    case tooLarge(limit: Int)
    case tooManyRedirects
    case tls(String)
    case invalidURL
    case other(String)

    init(_ error: any Error, timeouts: (connect: Double, read: Double, deadline: Double)) {
        if let e = error as? HTTPClientError {
            if e == .connectTimeout || e == .getConnectionFromPoolTimeout {
                self = .timedOut(what: "connect", seconds: timeouts.connect)
            } else if e == .readTimeout {
                self = .timedOut(what: "read", seconds: timeouts.read)
            } else if e == .deadlineExceeded {
                self = .timedOut(what: "request", seconds: timeouts.deadline)
            } else if [.redirectLimitReached, .redirectCycleDetected].contains(e) {
                self = .tooManyRedirects
            } else if [.invalidURL, .emptyHost, .emptyScheme].contains(e) {
                self = .invalidURL
            } else if e == .remoteConnectionClosed {
                self = .other("the connection closed before the response ended")
            } else {
                self = .other(String(describing: e))
            }
        } else if let e = error as? NIOConnectionError {
            self = e.connectionErrors.first.map { FetchError.connect($0.error) } ?? .other("connection failed")
        } else if error is NIOSSLError || error is BoringSSLError {
            self = FetchError.tls(error)
        } else if let e = error as? IOError {
            self = FetchError.connect(e)
        } else if error is CancellationError {
            self = .other("cancelled")
        } else {
            self = .other(String(describing: error))
        }
    }

    private static func connect(_ error: any Error) -> FetchError {
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED { return .connectionRefused }
        if error is NIOSSLError || error is BoringSSLError { return tls(error) }
        return .other(String(describing: error))
    }

    /// TLS failures in words: the library's text names C files and error numbers.
    private static func tls(_ error: any Error) -> FetchError {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return .tls("certificate not trusted (verification failed)") }
        if text.contains("WRONG_VERSION_NUMBER") { return .tls("the server does not speak TLS on this port") }
        if let e = error as? NIOSSLError, case .handshakeFailed = e { return .tls("handshake failed") }
        return .tls(text.count > 120 ? String(text.prefix(120)) + "…" : text)
    }

    public var description: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .timedOut(let what, let s): "\(what) timed out after \(s == s.rounded() ? String(Int(s)) : String(s)) s"
        case .tooLarge(let limit): "response larger than \(limit / 1_048_576 > 0 ? "\(limit / 1_048_576) MiB" : "\(limit) bytes")"
        case .tooManyRedirects: "too many redirects"
        case .tls(let m): "TLS: " + m
        case .invalidURL: "invalid URL"
        case .other(let m): m
        }
    }
}
