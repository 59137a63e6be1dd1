import NIOCore
import Synchronization

/// Idle kept-alive connections by target and origin (a target's probes share one; a redirect to
/// another origin keeps its own). A connection is taken for one exchange and given back only
/// when its answer ended cleanly and the server did not ask to close; one the server closes
/// while idle leaves the list as it closes, so the next poll opens a new one. Never more than
/// `perKey` idle connections for one key: polls of one target that overlap (health and metrics
/// due together) may open a second, which is kept too, up to that bound. A connection idle for
/// longer than `idleTimeout` is closed (Go's transport, which Prometheus uses, closes at 90 s
/// too): an instance that left the fleet is polled no more, and its connection would otherwise
/// stay open for as long as chutetop runs (a newcomer's review counted 37 connections for 7
/// instances after a few scale-ups and -downs). Idle connections are looked over at most once
/// per `idleTimeout / 3` (capped at a second), when a connection is taken or given back.
final class KeptConnections: Sendable {
    private struct Idle {
        let channel: any Channel
        let since: NIODeadline
    }

    private struct State {
        var idle: [String: [Idle]] = [:]
        var closed = false
        var lastSweep = NIODeadline.now()
    }

    private let state = Mutex(State())
    private let perKey: Int
    let idleTimeout: TimeAmount

    init(perKey: Int = 2, idleTimeout: TimeAmount = .seconds(90)) {
        self.perKey = perKey
        self.idleTimeout = idleTimeout
    }

    /// An idle connection for the key that is still open, if there is one.
    func take(_ key: String) -> (any Channel)? {
        let (found, stale) = state.withLock { s -> ((any Channel)?, [any Channel]) in
            let stale = sweep(&s)
            while let kept = s.idle[key]?.popLast() {
                if kept.channel.isActive { return (kept.channel, stale) }
            }
            return (nil, stale)
        }
        for channel in stale { channel.close(promise: nil) }
        return found
    }

    /// Keeps a connection whose exchange ended cleanly; closes it when the pool is shut or
    /// already holds enough for the key.
    func giveBack(_ channel: any Channel, key: String) {
        let (kept, stale) = state.withLock { s -> (Bool, [any Channel]) in
            let stale = sweep(&s)
            guard !s.closed, channel.isActive, s.idle[key, default: []].count < perKey else { return (false, stale) }
            s.idle[key, default: []].append(Idle(channel: channel, since: .now()))
            return (true, stale)
        }
        if !kept { channel.close(promise: nil) }
        for channel in stale { channel.close(promise: nil) }
    }

    /// Takes out the connections idle for longer than `idleTimeout` (to be closed outside the
    /// lock), at most once per a third of it.
    private func sweep(_ s: inout State) -> [any Channel] {
        let now = NIODeadline.now()
        guard now - s.lastSweep >= min(.seconds(1), .nanoseconds(idleTimeout.nanoseconds / 3)) else { return [] }
        s.lastSweep = now
        var stale: [any Channel] = []
        for key in Array(s.idle.keys) {
            s.idle[key]?.removeAll { kept in
                guard now - kept.since > idleTimeout else { return false }
                stale.append(kept.channel)
                return true
            }
            if s.idle[key]?.isEmpty == true { s.idle[key] = nil }
        }
        return stale
    }

    /// Forgets a connection that closed (while idle or not).
    func forget(_ channel: any Channel, key: String) {
        state.withLock { s in s.idle[key]?.removeAll { $0.channel === channel } }
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
            return s.idle.values.flatMap { $0.map(\.channel) }
        }
        for channel in channels { try? await channel.close() }
    }
}
