import FleetEngine
import Foundation
import Glibc
import SessionRecording
import Synchronization

/// `--record FILE`: appends every message the engine receives to a new recording file (mode
/// 0600, refused if the file exists), a frame at a time with one `write` each, so a recorder
/// killed at any moment leaves a file that replays up to its last whole frame (about a second
/// before the kill). A write that fails stops the recording and keeps the reason (`problem`);
/// watching goes on.
public final class SessionRecorder: Sendable {
    public let path: String
    private struct Open {
        var fd: Int32
        var buffer: RecordingBuffer
        var problem: String?
        var bytes: Int
    }
    private let file: Mutex<Open>

    /// Creates `path` and writes the header.
    public init(path: String, header: RecordingHeader, frameSeconds: Double = 1) throws(RecordingError) {
        let path = XDGDirectories.expandingHome(path)
        self.path = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it exists (a recording is never overwritten or appended to: choose a new name)" : String(cString: strerror(errno))
            throw RecordingError("cannot record to \(path): \(reason)")
        }
        let opening: [UInt8]
        do { opening = try RecordingFormat.fileHeader(header) } catch {
            close(fd)
            throw RecordingError("cannot record to \(path): the header could not be encoded: \(error)")
        }
        if let failure = Self.write(opening, to: fd) {
            close(fd)
            throw RecordingError("cannot record to \(path): \(failure)")
        }
        file = Mutex(Open(fd: fd, buffer: RecordingBuffer(frameSeconds: frameSeconds), problem: nil, bytes: opening.count))
    }

    /// Records messages in the order the engine received them.
    public func record(_ messages: some Sequence<FleetWatchMessage>) {
        file.withLock { f in
            guard f.problem == nil else { return }
            for m in messages {
                do {
                    if let frame = try f.buffer.add(m) { Self.append(frame, to: &f) }
                } catch {
                    f.problem = "a message could not be encoded: \(error)"
                }
            }
        }
    }

    public func record(_ message: FleetWatchMessage) { record(CollectionOfOne(message)) }

    /// Writes what is pending and closes the file.
    public func finish() {
        file.withLock { f in
            guard f.fd >= 0 else { return }
            if f.problem == nil, let frame = try? f.buffer.flush() { Self.append(frame, to: &f) }
            fsync(f.fd)
            close(f.fd)
            f.fd = -1
        }
    }

    /// Why recording stopped early, if it did.
    public var problem: String? { file.withLock { $0.problem } }
    /// Bytes written so far.
    public var bytesWritten: Int { file.withLock { $0.bytes } }

    private static func append(_ frame: [UInt8], to f: inout Open) {
        if let failure = write(frame, to: f.fd) {
            f.problem = "writing failed: \(failure)"
        } else {
            f.bytes += frame.count
        }
    }

    /// One write of all the bytes (retried only for a short write or EINTR).
    private static func write(_ bytes: [UInt8], to fd: Int32) -> String? {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            done += n
        }
        return nil
    }
}
