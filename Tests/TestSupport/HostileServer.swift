import Foundation
import Synchronization

/// A loopback HTTP/1.1 server on raw sockets that misbehaves on purpose, one way per base path:
/// `http://127.0.0.1:PORT/<behaviour>` serves `/health`, `/ready`, `/metrics` and `/logs` under
/// it the way that behaviour says. Raw sockets, because a well-behaved framework will not
/// drip a body a byte at a time, reset a connection mid-body or answer with random bytes.
/// Every connection has its own thread (`RawLoopbackServer`); `stop()` closes everything.
public final class HostileServer: @unchecked Sendable {
    public enum Behaviour: String, CaseIterable, Sendable {
        /// A correct instance: passing health and readiness, a metrics page whose request
        /// counter grows 10 per second, a log line every 200 ms.
        case ok
        /// Accepts, reads the request, never answers.
        case hang
        /// Sends the head at once, then the body a byte every 200 ms (logs: a line that never ends).
        case drip
        /// A 200 whose body (no length given) is far larger than any sane cap.
        case big
        /// Sends the head and part of the body, then resets the connection (RST).
        case reset
        /// Answers with random bytes instead of HTTP.
        case garbage
        /// Correct, but with invalid UTF-8 in a metrics label value and in log lines.
        case badUTF8 = "bad-utf8"
        /// A redirect to itself, forever.
        case redirectLoop = "redirect-loop"
        /// A 503 with a proxy's HTML error page.
        case htmlError = "html-error"
    }

    public var port: Int { server.port }
    private let server: RawLoopbackServer
    private let writesRefusedCount = Mutex<[Behaviour: Int]>([:])
    private let started = Date()

    public init() throws {
        server = try RawLoopbackServer()
        server.start { [self] fd in serve(fd) }
    }

    deinit { stop() }

    /// An instance's base URL that behaves so.
    public func baseURL(_ behaviour: Behaviour) -> String { "http://127.0.0.1:\(port)/\(behaviour.rawValue)" }

    /// Connections of this behaviour whose peer had gone when the server wrote to them (the
    /// client closed or reset them): how a test sees that a timed-out request was really ended.
    public func writesRefused(_ behaviour: Behaviour) -> Int { writesRefusedCount.withLock { $0[behaviour] ?? 0 } }

    public func stop() { server.stop() }

    private var stopped: Bool { server.isStopped }

    /// Reads one request head; returns its path, or nil when the client went away.
    private func readRequestPath(_ fd: Int32) -> String? {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0, head.count < 65536 else { return nil }
            head += buffer[..<n]
        }
        let line = String(decoding: head.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        return line.count >= 2 ? String(line[1]) : nil
    }

    private func serve(_ fd: Int32) {
        guard let path = readRequestPath(fd) else { return }
        let parts = path.split(separator: "?")[0].split(separator: "/").map(String.init)
        guard parts.count == 2, let behaviour = Behaviour(rawValue: parts[0]) else {
            _ = send(fd, response(404, "text/plain", Array("no such path\n".utf8)), behaviour: nil)
            return
        }
        let endpoint = parts[1]
        switch behaviour {
        case .ok, .badUTF8:
            if endpoint == "logs" {
                streamLogs(fd, behaviour: behaviour)
            } else {
                let (type, body) = page(endpoint, badUTF8: behaviour == .badUTF8)
                _ = send(fd, response(200, type, body), behaviour: behaviour)
            }
        case .hang:
            while !stopped && !peerClosed(fd) { Thread.sleep(forTimeInterval: 0.05) }
        case .drip:
            let type = endpoint == "logs" ? "text/event-stream" : endpoint == "metrics" ? "text/plain; version=0.0.4" : "application/json"
            let head = endpoint == "logs" ? "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
            guard send(fd, Array(head.utf8), behaviour: behaviour) else { return }
            let body = Array((endpoint == "logs" ? "data: {\"level\":\"info\",\"message\":\"" : "{\"status\":\"pass\",\"padding\":\"").utf8)
            var k = 0
            while !stopped {
                guard send(fd, [k < body.count ? body[k] : UInt8(ascii: "x")], behaviour: behaviour) else { return }
                k += 1
                Thread.sleep(forTimeInterval: 0.2)
            }
        case .big:
            guard send(fd, Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n".utf8), behaviour: behaviour) else { return }
            let block = Array(String(repeating: "# filler filler filler filler filler filler filler filler\n", count: 1024).utf8)
            for _ in 0..<512 where !stopped {  // 30 MiB at most
                guard send(fd, block, behaviour: behaviour) else { return }
            }
        case .reset:
            _ = send(fd, Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n# HELP http_requests_total x\n".utf8), behaviour: behaviour)
            Thread.sleep(forTimeInterval: 0.1)
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        case .garbage:
            var generator = SystemRandomNumberGenerator()
            // Never "HTTP/": the first byte is not 'H'.
            let noise = [0x16, 0x03] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = send(fd, noise, behaviour: behaviour)
        case .redirectLoop:
            _ = send(fd, Array("HTTP/1.1 302 Found\r\nLocation: \(path)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8), behaviour: behaviour)
        case .htmlError:
            let html = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n"
            _ = send(fd, response(503, "text/html", Array(html.utf8)), behaviour: behaviour)
        }
    }

    private func response(_ status: Int, _ type: String, _ body: [UInt8]) -> [UInt8] {
        let reason = [200: "OK", 404: "Not Found", 503: "Service Temporarily Unavailable"][status] ?? "Status"
        return Array("HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body
    }

    /// The request counter: 10 per second since the server started.
    private var requestsSoFar: Int { Int(Date().timeIntervalSince(started) * 10) }

    private func page(_ endpoint: String, badUTF8: Bool) -> (String, [UInt8]) {
        switch endpoint {
        case "metrics":
            let path: [UInt8] = badUTF8 ? Array("/v1/".utf8) + [0xFF, 0xFE, 0xC3] : Array("/v1/run".utf8)
            let text: [UInt8] = Array("# TYPE http_requests_total counter\nhttp_requests_total{method=\"POST\",path=\"".utf8) + path
                + Array("\",status=\"200\"} \(requestsSoFar)\n".utf8)
            return ("text/plain; version=0.0.4", text)
        default:
            return ("application/json", Array("{\"status\":\"pass\"}".utf8))
        }
    }

    private func streamLogs(_ fd: Int32, behaviour: Behaviour) {
        guard send(fd, Array("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n".utf8), behaviour: behaviour) else { return }
        var k = 0
        while !stopped {
            let message: [UInt8] = behaviour == .badUTF8 ? Array("line \(k) ".utf8) + [0xC0, 0xAF, 0xFF] + Array(" end".utf8) : Array("line \(k) ok".utf8)
            let event = Array("data: level=info msg=\"".utf8) + message + Array("\"\n\n".utf8)
            guard send(fd, event, behaviour: behaviour) else { return }
            k += 1
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Whether the client has closed or reset the connection (a hanging thread then ends).
    private func peerClosed(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    }

    /// Writes everything (without SIGPIPE); false, counted, when the peer has gone.
    private func send(_ fd: Int32, _ bytes: [UInt8], behaviour: Behaviour?) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                if let behaviour { writesRefusedCount.withLock { $0[behaviour, default: 0] += 1 } }
                return false
            }
            offset += n
        }
        return true
    }
}
