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
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            // A regular file: one allocation of its size and as few reads as the kernel needs.
            let size = Int(info.st_size)
            if size > limit { throw CLIFailure.io("\(path) is larger than \(limit) bytes") }
            var out = [UInt8](repeating: 0, count: size)
            var done = 0
            while done < size {
                let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw CLIFailure.io("cannot read \(path): \(String(cString: strerror(errno)))") }
                if n == 0 { break }
                done += n
            }
            out.removeLast(size - done)
            return out
        }
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
