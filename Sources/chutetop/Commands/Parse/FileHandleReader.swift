import Glibc

/// Reads a file descriptor to the end with plain read(2): stdin ("-") or a file.
struct FileHandleReader {
    let fd: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CLIFailure.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        }
    }

    func readAll(limit: Int) throws -> [UInt8] {
        defer { if fd != STDIN_FILENO { close(fd) } }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIFailure.io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { throw CLIFailure.io("\(path) is larger than \(limit) bytes") }
        }
        return out
    }
}
