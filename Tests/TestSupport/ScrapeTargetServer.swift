import Foundation
import Synchronization

/// A loopback HTTP server on raw sockets that answers every GET with one body in one set
/// manner (kept alive, closing after each answer, HTTP/1.0, chunked, gzip-encoded, a chunk
/// larger than any cap), and counts the connections it accepted and the request heads it read:
/// what a test of the scrape path's connection handling needs to see from the server's side.
/// Every connection has its own thread (`RawLoopbackServer`); `stop()` closes everything.
public final class ScrapeTargetServer: @unchecked Sendable {
    public enum Manner: Sendable {
        /// HTTP/1.1 with Content-Length; the connection stays open.
        case keepAlive
        /// HTTP/1.1, then the connection is closed; `announced`: with `Connection: close`.
        case closeAfterEach(announced: Bool)
        /// An HTTP/1.0 answer without a length: the body ends when the connection closes.
        case http10
        /// HTTP/1.1 `Transfer-Encoding: chunked`, the body in chunks of this many bytes; kept alive.
        case chunked(Int)
        /// The given bytes as the body with `Content-Encoding: gzip` (the body handed to `init`
        /// is then what they decode to); kept alive.
        case gzip([UInt8])
        /// A chunked answer whose first chunk says it is `declared` bytes long, sent 64 KiB at
        /// a time until the client goes away (at most `declared`).
        case oversizedChunk(declared: Int)
    }

    public var port: Int { server.port }
    public let body: [UInt8]
    private let manner: Manner
    private let server: RawLoopbackServer
    private let seen = Mutex<[String]>([])

    public init(manner: Manner, body: [UInt8]) throws {
        self.manner = manner
        self.body = body
        server = try RawLoopbackServer()
        server.start { [self] fd in serve(fd) }
    }

    deinit { stop() }

    /// A target's base URL on this server (targets differ by path only, as the simulator's do).
    public func baseURL(_ target: String) -> String { "http://127.0.0.1:\(port)/\(target)" }

    /// Connections accepted so far.
    public var accepted: Int { server.accepted }

    /// Connections open now.
    public var openConnections: Int { server.openConnections }

    /// Every request head read so far, in order.
    public var requests: [String] { seen.withLock { $0 } }

    public func stop() { server.stop() }

    /// Answers requests on one connection until the manner closes it or the client does.
    private func serve(_ fd: Int32) {
        var pending: [UInt8] = []
        while let head = readHead(fd, &pending) {
            seen.withLock { $0.append(head) }
            switch manner {
            case .keepAlive:
                guard write(fd, head: "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.count)\r\n\r\n", body) else { return }
            case .closeAfterEach(let announced):
                _ = write(fd, head: "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.count)\r\n"
                          + (announced ? "Connection: close\r\n" : "") + "\r\n", body)
                return
            case .http10:
                _ = write(fd, head: "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n\r\n", body)
                return
            case .chunked(let size):
                var framed: [UInt8] = []
                var start = 0
                while start < body.count {
                    let piece = body[start..<min(start + size, body.count)]
                    framed += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + [13, 10]
                    start += size
                }
                framed += Array("0\r\n\r\n".utf8)
                guard write(fd, head: "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nTransfer-Encoding: chunked\r\n\r\n", framed) else { return }
            case .gzip(let encoded):
                guard write(fd, head: "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Encoding: gzip\r\nContent-Length: \(encoded.count)\r\n\r\n", encoded) else { return }
            case .oversizedChunk(let declared):
                guard write(fd, head: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + String(declared, radix: 16) + "\r\n", []) else { return }
                let block = [UInt8](repeating: UInt8(ascii: "x"), count: 65536)
                var sent = 0
                while sent < declared, write(fd, head: "", block) { sent += block.count }
                return
            }
        }
    }

    /// Reads up to the end of one request head (a GET has no body); nil when the client closed.
    private func readHead(_ fd: Int32, _ pending: inout [UInt8]) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = pending.firstRange(of: [13, 10, 13, 10]) {
                let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                pending.removeSubrange(..<end.upperBound)
                return head
            }
            let n = read(fd, &buffer, buffer.count)
            guard n > 0, pending.count < 65536 else { return nil }
            pending += buffer[..<n]
        }
    }

    /// Writes the head and body whole (without SIGPIPE); false when the client has gone.
    private func write(_ fd: Int32, head: String, _ body: [UInt8]) -> Bool {
        let bytes = Array(head.utf8) + body
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
