import Foundation
import SessionRecording

/// Reading a recording from a file, and what a recording covers (for an incident's handoff to
/// name the recording behind it).
public enum RecordingFile {
    /// What one recording covers.
    public struct Coverage: Sendable, Hashable, Codable {
        public var path: String
        public var context: String
        public var program: String
        /// First and last moments recorded (seconds since the epoch).
        public var start: Double
        public var end: Double
        /// Set when the recording was cut off mid-write (what was lost).
        public var cut: String?

        /// Whether the recording saw any of the span `from`...`to`.
        public func covers(from: Double, to: Double) -> Bool { start <= to && end >= from }
    }

    public static func open(_ path: String) throws(RecordingError) -> SessionRecording {
        let path = XDGDirectories.expandingHome(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordingError("cannot read \(path): " + (FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"))
        }
        do { return try SessionRecording(bytes: [UInt8](data)) } catch { throw RecordingError("\(path): \(error)") }
    }

    public static func coverage(_ path: String) throws(RecordingError) -> Coverage {
        let r = try open(path)
        return Coverage(path: XDGDirectories.expandingHome(path), context: r.header.context, program: r.header.program,
                        start: r.start, end: r.end, cut: r.cut)
    }
}
