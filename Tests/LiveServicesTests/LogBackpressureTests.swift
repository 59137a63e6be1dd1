import Dashboard
import FleetEngine
import Foundation
import Monitoring
import Synchronization
import TestLanes
import TestSupport
import Testing
@testable import LiveServices

/// A chute that logs faster than the reader takes lines is held back by the connection, not
/// buffered: lines are read from the socket only as they are asked for. (The stream used to be
/// pumped into an unbounded buffer by a task of its own; the dashboard on a loopback flood grew
/// from 434 to 1,691 MiB in 20 s, Benchmarks/log-ingest.sh.)
@Suite(.lane(.live)) struct LogBackpressureTests {
    /// A raw-socket server that floods one log stream with blocking writes: a write returns
    /// only once the kernel has taken the bytes, so what it counts is what left the server
    /// (a framework's writer may queue bytes in its own buffers and count those too).
    final class FloodServer: @unchecked Sendable {
        let port: Int
        let sent = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        /// Closed by the flooding thread once its `accept` returns (under the lock `stop` shuts
        /// it down under), so `stop` never touches a descriptor number another test was given.
        private let listener: Mutex<Int32?>

        init() throws {
            let (fd, port) = try LoopbackSocket.listening(backlog: 4)
            self.port = port
            listener = Mutex(fd)
            Thread { [self] in flood(fd) }.start()
        }

        private func flood(_ listening: Int32) {
            let fd = LoopbackSocket.accept(listening)
            listener.withLock {
                close(listening)
                $0 = nil
            }
            guard fd >= 0 else { return }
            defer { close(fd) }
            var request = [UInt8](repeating: 0, count: 4096)
            _ = recv(fd, &request, request.count, 0)
            let head = Array("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n".utf8)
            let events = Array(String(repeating: "data: {\"level\":\"info\",\"msg\":\"flood\"}\n\n", count: 1024).utf8)
            var chunk = head
            while !stopped.load(ordering: .relaxed) {
                let n = chunk.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                sent.add(n, ordering: .relaxed)
                chunk = n < chunk.count ? Array(chunk[n...]) : events
            }
        }

        func stop() {
            stopped.store(true, ordering: .relaxed)
            listener.withLock { if let fd = $0 { shutdown(fd, Int32(SHUT_RDWR)) } }
        }
    }

    @Test func aFloodingStreamIsReadOnlyAsFastAsLinesAreTaken() async throws {
        let server = try FloodServer()
        defer { server.stop() }
        let baseURL = "http://127.0.0.1:\(server.port)"
        var settings = PollSettings()
        (settings.connectTimeout, settings.readTimeout) = (5, 20)
        let instance = DirectSourceConfig.Instance(id: "i-1", url: baseURL + "/flood")
        let source = try DirectSource(DirectSourceConfig(chutes: [.init(name: "chatty", instances: [instance])]), settings: settings)
        let inventory = FleetInventory(chutes: [.init(name: "chatty", instances: [.init(id: "i-1", baseURL: instance.url)])])
        var iterator = source.logs(of: InstanceKey(chute: "chatty", instance: "i-1"), in: inventory, backfill: 0).makeAsyncIterator()
        for _ in 0..<100 {
            let entry = try #require(try await iterator.next())
            #expect(entry.message == "flood")
        }
        // The reader holds the stream open and takes nothing for a while: a reader that ran
        // ahead would keep pulling the flood (hundreds of MiB a second on loopback); one that
        // reads on demand stops at what the socket buffers hold (tcp_rmem 32 MiB at most here,
        // plus the sender's 4 MiB).
        try await Task.sleep(for: .seconds(2))
        let bytes = server.sent.load(ordering: .relaxed)
        #expect(bytes < 64 << 20, "the server sent \(bytes >> 20) MiB to a reader that took 100 lines")
        _ = iterator
        await source.shutdown()
    }
}
