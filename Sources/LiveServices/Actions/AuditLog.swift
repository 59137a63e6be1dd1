import Foundation
import Glibc
import Monitoring

/// The append-only audit log: one JSON object per line, each appended with O_APPEND and
/// fsync'd before the caller goes on; the file is created with mode 0600 (its directory 0700),
/// and an existing file that group or others may read or write is refused with the `chmod 600`
/// advice (it records who did what, and may name internal hosts). A record that cannot be
/// written is an error the caller must act on (the action is refused).
public final class AuditLog: Sendable {
    public let path: String

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `path` as written (`~` and `$HOME` expand).
    public init(path: String) { self.path = XDGDirectories.expandingHome(path) }

    /// `$XDG_STATE_HOME/chutetop/audit.jsonl` (default ~/.local/state/chutetop/audit.jsonl).
    public static func defaultPath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGDirectories.stateHome(environment) + "/chutetop/audit.jsonl"
    }

    public func append(_ record: AuditRecord) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(record) else { throw Failure(description: "the record could not be encoded") }
        line.append(0x0A)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(description: "cannot stat \(path): \(String(cString: strerror(errno)))") }
        if info.st_mode & (S_IRWXG | S_IRWXO) != 0 {
            throw Failure(description: "\(path) is open to group or others (mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        guard fsync(fd) == 0 else { throw Failure(description: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }

    /// The last `limit` records (for the audit view); unreadable lines are skipped.
    public func recent(limit: Int = 200) -> [AuditRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).suffix(limit).compactMap { try? decoder.decode(AuditRecord.self, from: Data($0)) }
    }
}
