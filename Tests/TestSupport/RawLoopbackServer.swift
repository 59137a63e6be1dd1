import Foundation
import Synchronization

/// A listening socket (close-on-exec, like its connections: `LoopbackSocket`) on a free loopback port whose connections are each served on a thread of
/// their own by a closure, for servers that must misbehave in ways a framework will not
/// (`HostileServer`, `ScrapeTargetServer`). Counts what it accepted; `stop()` shuts every
/// connection down and stops accepting.
public final class RawLoopbackServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let state = Mutex<(open: Set<Int32>, stopped: Bool, accepted: Int)>(([], false, 0))

    public init() throws {
        (listener, port) = try LoopbackSocket.listening(backlog: 64)
    }

    deinit { stop() }

    /// Starts accepting; `serve` runs once per connection, which is closed when it returns.
    public func start(_ serve: @escaping @Sendable (Int32) -> Void) {
        Thread { [self] in acceptLoop(serve) }.start()
    }

    public var isStopped: Bool { state.withLock { $0.stopped } }

    /// Connections accepted so far.
    public var accepted: Int { state.withLock { $0.accepted } }

    /// Connections open now (accepted, not yet closed by either side).
    public var openConnections: Int { state.withLock { $0.open.count } }

    public func stop() {
        // Once only: by a second call the descriptors may belong to another server. Connections
        // are shut down under the lock their threads close them under, for the same reason.
        let first = state.withLock { s -> Bool in
            guard !s.stopped else { return false }
            s.stopped = true
            for fd in s.open { shutdown(fd, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        // Shut down, not closed: the accepting thread closes it when it leaves `accept`, so
        // the descriptor is not reused (by the next test's server) while that thread still
        // accepts on it.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop(_ serve: @escaping @Sendable (Int32) -> Void) {
        defer { close(listener) }
        while !isStopped {
            let fd = LoopbackSocket.accept(listener)
            guard fd >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let admitted = state.withLock { s -> Bool in
                if s.stopped { return false }
                s.open.insert(fd)
                s.accepted += 1
                return true
            }
            guard admitted else { close(fd); return }
            Thread { [self] in
                serve(fd)
                state.withLock {
                    _ = $0.open.remove(fd)
                    close(fd)
                }
            }.start()
        }
    }
}
