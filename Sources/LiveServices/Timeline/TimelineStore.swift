import FleetEngine
import Foundation
import Glibc
import Synchronization

/// A context's persisted timeline: `$XDG_STATE_HOME/chutetop/timeline/CONTEXT.jsonl`, one
/// `TimelineRecord` a line (events, and chutes' minutes of traffic), appended and fsync'd,
/// mode 0600 like the audit log. Reading skips and counts a line it cannot read (the torn
/// last line of a crash, a foreign line) and goes on. Bounded: past `maxBytes` the file is
/// rewritten (to a temporary file, then renamed over it) keeping its newest half.
public final class TimelineStore: Sendable {
    public let path: String
    public let maxBytes: Int
    /// Appends of one process one at a time (each is one write; this keeps a compaction from
    /// racing an append).
    private let writing = Mutex<Void>(())

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// What a timeline file holds, oldest first (ordered by time; records of one time keep
    /// the file's order), and how many lines could not be read.
    public struct Loaded: Sendable {
        public var records: [TimelineRecord]
        public var skippedLines: Int
        public var events: [FleetEvent] { records.compactMap { if case .event(let e) = $0 { e } else { nil } } }
    }

    public static let defaultMaxBytes = 32 << 20

    public init(path: String, maxBytes: Int = TimelineStore.defaultMaxBytes) {
        self.path = XDGDirectories.expandingHome(path)
        self.maxBytes = maxBytes
    }

    /// The timeline file of a context, under `$XDG_STATE_HOME/chutetop/timeline/`.
    public convenience init(context: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(path: XDGDirectories.stateHome(environment) + "/chutetop/timeline/" + Self.fileName(context) + ".jsonl")
    }

    /// A context's name as a file name: letters, digits, `_` and `-` as they are, every other
    /// byte as `%XX` (so `a/b`, `..` and `a b` are files of their own, inside the directory).
    static func fileName(_ context: String) -> String {
        context.utf8.map { b -> String in
            let c = Character(UnicodeScalar(b))
            if c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-") { return String(c) }
            return "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
        }.joined()
    }

    public func load() -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else { return Loaded(records: [], skippedLines: 0) }
        let decoder = JSONDecoder()
        var records: [TimelineRecord] = [], skipped = 0
        for line in data.split(separator: 0x0A) {
            if let r = try? decoder.decode(TimelineRecord.self, from: Data(line)) { records.append(r) } else { skipped += 1 }
        }
        let ordered = records.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        return Loaded(records: ordered, skippedLines: skipped)
    }

    public func append(_ records: [TimelineRecord]) throws(Failure) {
        guard !records.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Data()
        for r in records {
            guard let line = try? encoder.encode(r) else { throw Failure(description: "a timeline record could not be encoded") }
            bytes.append(line)
            bytes.append(0x0A)
        }
        try writing.withLock { (_: inout Void) throws(Failure) in
            do { try PrivateAppendFile(path: path).append(bytes, afterWholeLine: true) } catch { throw Failure(description: "\(error)") }
            var info = stat()
            if stat(path, &info) == 0, Int(info.st_size) > maxBytes { try compact() }
        }
    }

    /// Rewrites the file with its newest whole lines that fit in half of `maxBytes`.
    private func compact() throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        var start = max(0, data.count - maxBytes / 2)
        if start > 0 {
            guard let newline = data[start...].firstIndex(of: 0x0A) else { return }
            start = newline + 1
        }
        let temporary = path + ".compacting"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot compact \(path): \(String(cString: strerror(errno)))") }
        let kept = data[start...]
        let written = kept.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == kept.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot compact \(path): \(String(cString: strerror(errno)))")
        }
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
