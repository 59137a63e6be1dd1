import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends lines to a file. While curses owns the screen nothing may
/// go to stdout or stderr, so every log line goes here.
public struct FileLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let sink: FileLogSink

    public init(label: String, sink: FileLogSink, level: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        sink.write("\(time) \(event.level) \(label): \(event.message)\(meta)\n")
    }
}

/// The open log file shared by every logger; created with mode 0600 and its directory made.
public final class FileLogSink: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        descriptor = Mutex(fd)
    }

    /// The log file's descriptor, so stderr can be pointed at it while curses is active.
    public var fileDescriptor: Int32 { descriptor.withLock { $0 } }

    func write(_ line: String) {
        descriptor.withLock { fd in
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        }
    }

    deinit { descriptor.withLock { _ = close($0) } }

    /// The default location: `$XDG_STATE_HOME/chutetop/chutetop.log` (or ~/.local/state/...).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGDirectories.stateHome(environment) + "/chutetop/chutetop.log"
    }
}
