import Glibc

/// A loopback port where nothing listens, for the dead-target scenario: a socket is bound to a
/// port the kernel picks and kept bound, never listening, for the life of the process, so
/// connecting to it is refused and no other listener can take the port. (Closed at once, the
/// port went back to the pool: in a parallel test run another test's server was given it, and
/// the "dead" target answered.) Close-on-exec: a runbook's child process does not inherit it.
enum ClosedPort {
    static func make() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return 1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            close(fd)
            return 1
        }
        return Int(UInt16(bigEndian: address.sin_port))  // fd stays open: the port stays ours
    }
}
