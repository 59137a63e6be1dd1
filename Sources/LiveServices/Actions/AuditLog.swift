import Foundation
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
        do { try PrivateAppendFile(path: path).append(line) } catch { throw Failure(description: error.description) }
    }

    /// The last `limit` records (for the audit view); unreadable lines are skipped.
    public func recent(limit: Int = 200) -> [AuditRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).suffix(limit).compactMap { try? decoder.decode(AuditRecord.self, from: Data($0)) }
    }
}
