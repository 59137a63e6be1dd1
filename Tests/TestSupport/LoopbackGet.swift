import Foundation

/// A plain HTTP/1.0 GET to a loopback server (Prometheus' and Alertmanager's APIs in tests):
/// one blocking exchange of a millisecond or so on the caller's thread, where starting a
/// Python client for it held a thread of the test process's small cooperative pool for tens
/// of milliseconds per query. HTTP/1.0: the server closes the connection after the body, with
/// no chunked encoding to undo.
public enum LoopbackGet {
    /// The body of a 200 answer to `url` (`http://127.0.0.1:PORT/path?query`); nil when the
    /// server did not answer, answered another status, or took over `timeout` seconds per read.
    public static func body(_ url: String, timeout: Int = 5) -> Data? {
        guard let u = URLComponents(string: url), u.scheme == "http", let port = u.port else { return nil }
        guard let fd = LoopbackSocket.connected(port: port) else { return nil }
        defer { close(fd) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let target = u.percentEncodedPath + (u.percentEncodedQuery.map { "?" + $0 } ?? "")
        let request = Array("GET \(target.isEmpty ? "/" : target) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { break }
            guard n > 0 else { return nil }
            answer += buffer[..<n]
        }
        guard let end = answer.firstRange(of: [13, 10, 13, 10]) else { return nil }
        let statusLine = String(decoding: answer[..<(answer.firstIndex(of: 13) ?? end.lowerBound)], as: UTF8.self)
        guard statusLine.split(separator: " ").dropFirst().first == "200" else { return nil }
        return Data(answer[end.upperBound...])
    }
}
