import NIOCore
import Synchronization

/// Idle kept-alive connections by target and origin (a target's probes share one; a redirect to
/// another origin keeps its own). A connection is taken for one exchange and given back only
/// when its answer ended cleanly and the server did not ask to close; one the server closes
/// while idle leaves the list as it closes, so the next poll opens a new one. Never more than
/// `perKey` idle connections for one key: polls of one target that overlap (health and metrics
/// due together) may open a second, which is kept too, up to that bound.
final class KeptConnections: Sendable {
    private struct State {
        var idle: [String: [any Channel]] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let perKey: Int

    init(perKey: Int = 2) { self.perKey = perKey }

    /// An idle connection for the key that is still open, if there is one.
    func take(_ key: String) -> (any Channel)? {
        state.withLock { s in
            while let channel = s.idle[key]?.popLast() {
                if channel.isActive { return channel }
            }
            return nil
        }
    }

    /// Keeps a connection whose exchange ended cleanly; closes it when the pool is shut or
    /// already holds enough for the key.
    func giveBack(_ channel: any Channel, key: String) {
        let kept = state.withLock { s -> Bool in
            guard !s.closed, channel.isActive, s.idle[key, default: []].count < perKey else { return false }
            s.idle[key, default: []].append(channel)
            return true
        }
        if !kept { channel.close(promise: nil) }
    }

    /// Forgets a connection that closed (while idle or not).
    func forget(_ channel: any Channel, key: String) {
        state.withLock { s in s.idle[key]?.removeAll { $0 === channel } }
    }

    /// Whether new connections may still be opened (false after `closeAll`).
    var isOpen: Bool { state.withLock { !$0.closed } }

    /// Idle connections still held (tests: a closed one has left).
    var idleCount: Int { state.withLock { $0.idle.values.reduce(0) { $0 + $1.count } } }

    /// Closes every idle connection; later ones are closed when given back.
    func closeAll() async {
        let channels = state.withLock { s -> [any Channel] in
            s.closed = true
            defer { s.idle = [:] }
            return s.idle.values.flatMap { $0 }
        }
        for channel in channels { try? await channel.close() }
    }
}
