import Foundation
import FleetSimulator
import Synchronization
import Testing
import TestLanes
import TestSupport

/// Stopping the in-process simulator while clients keep connecting. Cancelling its server
/// outright left a connection accepted but not yet handed to the router unowned, and NIO traps
/// on that ("Deinited NIOAsyncWriter without calling finish()"): `chutetop review --demo` died
/// with SIGILL in a fresh-clone run. A trap here takes the whole test process down.
@Suite(.lane(.live)) struct SimulatorStopTests {
    @Test func stoppingWhileClientsConnectEndsCleanly() async throws {
        for _ in 0..<12 {
            let sim = try await InProcessSimulator.start(scenario: nil, seed: 7, chutes: 1)
            let port = try #require(URLComponents(string: sim.baseURL)?.port)
            let flood = ConnectionFlood(port: port)
            // Stop while connections are arriving: once the first has been made (a loaded
            // machine may take a while to start the threads), and a moment more.
            let deadline = ContinuousClock.now + .seconds(10)
            while flood.made == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            try await Task.sleep(for: .milliseconds(20))
            await sim.stopped()
            let made = await flood.finished()
            #expect(made > 0, "no connection was made while the server ran")
        }
    }

    /// A followed log stream is ended by the stopping server, properly (the chunked body's last
    /// chunk sent), not cut off when the stop's grace runs out: the stop does not wait on it,
    /// and a client reading it sees the end of the stream.
    @Test func aFollowedLogStreamIsEndedByTheStop() async throws {
        let sim = try await InProcessSimulator.start(scenario: nil, seed: 7)
        let port = try #require(URLComponents(string: sim.baseURL)?.port)
        let stream = try #require(FollowedStream(port: port, path: "/chutes/llama-3.1-70b-instruct/instances/i-1/logs?backfill=1"))
        #expect(stream.readHead().hasPrefix("HTTP/1.1 200"))
        await sim.stopped()
        let rest = stream.readToEnd()
        #expect(rest.hasSuffix("0\r\n\r\n"), "the stream was cut off, not ended: \(rest.suffix(80).debugDescription)")
    }
}

/// One GET on a blocking loopback socket, read in pieces.
private final class FollowedStream {
    private let fd: Int32

    init?(port: Int, path: String) {
        guard let fd = LoopbackSocket.connected(port: port) else { return nil }
        self.fd = fd
        var limit = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    /// What the first read returns (the head and the backfill).
    func readHead() -> String { read(untilEnd: false) }

    /// Everything until the server closes (or 10 s of silence).
    func readToEnd() -> String { read(untilEnd: true) }

    private func read(untilEnd: Bool) -> String {
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        repeat {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            answer += buffer[..<n]
        } while untilEnd
        return String(decoding: answer, as: UTF8.self)
    }
}

/// Threads connecting to a loopback port and closing at once, as fast as they can, until finished.
private final class ConnectionFlood: Sendable {
    private let running = Atomic<Bool>(true)
    private let connections = Atomic<Int>(0)
    private let done = DispatchGroup()

    init(port: Int) {
        for _ in 0..<4 {
            done.enter()
            Thread.detachNewThread { [self] in
                while running.load(ordering: .relaxed) {
                    if LoopbackSocket.accepts(port: port) { connections.add(1, ordering: .relaxed) }
                }
                done.leave()
            }
        }
    }

    /// Connections made so far.
    var made: Int { connections.load(ordering: .relaxed) }

    /// Stops the threads and waits for them (a connect may wait out a SYN retry, a second: off
    /// the cooperative pool, which the other tests share).
    func finished() async -> Int {
        running.store(false, ordering: .relaxed)
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in done.notify(queue: .global()) { c.resume() } }
        return made
    }

}
