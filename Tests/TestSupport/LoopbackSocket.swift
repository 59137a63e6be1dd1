import Foundation

/// Raw loopback sockets for the test servers that a framework will not play (hostile peers, a
/// flood, a refused port), opened close-on-exec: every child a test spawns would otherwise hold
/// a copy of each socket open at that moment, and a server's reset (close with linger 0) or
/// close then reaches the client only when that child exits (a "reset" target read as a read
/// timeout in full runs, where other tests were starting processes).
public enum LoopbackSocket {
    /// A socket bound to a port the kernel picks on 127.0.0.1; nil when that fails.
    public static func bound() -> (fd: Int32, port: Int)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A client socket connected to 127.0.0.1:`port` (blocking); nil when the connection fails.
    public static func connected(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Whether something accepts a connection on 127.0.0.1:`port` now (the connection closed at once).
    public static func accepts(port: Int) -> Bool {
        guard let fd = connected(port: port) else { return false }
        close(fd)
        return true
    }

    /// A listening socket on a port the kernel picks on 127.0.0.1.
    public static func listening(backlog: Int32) throws -> (fd: Int32, port: Int) {
        guard let (fd, port) = bound() else { throw failure("bind") }
        guard listen(fd, backlog) == 0 else {
            close(fd)
            throw failure("listen")
        }
        return (fd, port)
    }

    /// The next connection on `listener`, close-on-exec; -1 with errno set when none comes.
    /// (Glibc's `accept4` is not in Swift's Glibc module; a child spawned between `accept` and
    /// `fcntl` gets nothing either, as `ChildProcess` closes every descriptor above 2.)
    public static func accept(_ listener: Int32) -> Int32 {
        let fd = Glibc.accept(listener, nil, nil)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }

    private static func failure(_ call: String) -> any Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot \(call) on loopback: errno \(errno)"])
    }
}
