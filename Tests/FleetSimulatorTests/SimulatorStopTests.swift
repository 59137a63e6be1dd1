import Foundation
import FleetSimulator
import Synchronization
import Testing
import TestLanes

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
            try await Task.sleep(for: .milliseconds(30))
            await sim.stopped()
            let made = flood.finish()
            #expect(made > 0, "no connection was made while the server ran")
            #expect(ConnectionFlood.connects(port: port) == false, "the listener still accepts after stopped()")
        }
    }
}

/// Threads connecting to a loopback port and closing at once, as fast as they can, until finished.
private final class ConnectionFlood: Sendable {
    private let running = Atomic<Bool>(true)
    private let made = Atomic<Int>(0)
    private let done = DispatchGroup()

    init(port: Int) {
        for _ in 0..<4 {
            done.enter()
            Thread.detachNewThread { [self] in
                while running.load(ordering: .relaxed) {
                    if Self.connects(port: port) { made.add(1, ordering: .relaxed) }
                }
                done.leave()
            }
        }
    }

    func finish() -> Int {
        running.store(false, ordering: .relaxed)
        done.wait()
        return made.load(ordering: .relaxed)
    }

    static func connects(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
