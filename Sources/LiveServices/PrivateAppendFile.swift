import Foundation
import Glibc

/// A file only its owner may read, appended to: created with mode 0600 (its directory 0700),
/// each append one `write` with O_APPEND, fsync'd before the caller goes on. An existing file
/// that group or others may read or write is refused with the `chmod 600` advice (the audit
/// log and the timeline say who did what, and may name internal hosts).
struct PrivateAppendFile {
    let path: String

    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Appends `bytes`; with `afterWholeLine`, a file whose last line was cut off (a crash
    /// mid-write) first gets the newline it lacks, so the new line is not glued to the torn one.
    func append(_ bytes: Data, afterWholeLine: Bool = false) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(description: "cannot stat \(path): \(String(cString: strerror(errno)))") }
        if info.st_mode & (S_IRWXG | S_IRWXO) != 0 {
            throw Failure(description: "\(path) is open to group or others (mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        var data = bytes
        if afterWholeLine && info.st_size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, info.st_size - 1) == 1 && last != 0x0A { data.insert(0x0A, at: 0) }
        }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        guard fsync(fd) == 0 else { throw Failure(description: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }
}
