import Foundation
import Glibc

/// Writes a file only its owner can read (0600), in a directory only its owner can enter
/// (0700, made if missing); an existing file is replaced only when `replacing`.
enum PrivateFile {
    enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)

        var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; pass --force to replace it (or check it: chutetop config check)"
            case .cannotWrite(let path, let why): "cannot write \(path): \(why)"
            }
        }
    }

    static func write(_ text: String, to path: String, replacing: Bool) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotWrite(path, error.localizedDescription)
        }
        let flags = O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .cannotWrite(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        // A replaced file keeps no wider mode than ours.
        guard fchmod(fd, 0o600) == 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
            written += n
        }
    }
}
