import FleetEngine
import Foundation

/// A recording read from its bytes: the header, an index of its frames (each checked against
/// its CRC) and, if it was cut off while a frame was being written, where. Messages are read a
/// frame at a time, when a replay reaches them.
public struct SessionRecording: Sendable {
    public struct Frame: Sendable, Hashable {
        /// Where the frame's compressed payload starts and how long it is.
        let payload: Range<Int>
        let rawLength: Int
        public let count: Int
        public let first: Double
        public let last: Double
    }

    public let header: RecordingHeader
    public let frames: [Frame]
    /// Set when the file ends inside a frame (a recorder killed mid-write): what was lost.
    public let cut: String?
    let bytes: [UInt8]

    public var start: Double { header.started }
    /// The time of the last message recorded.
    public var end: Double { frames.last?.last ?? header.started }
    public var messageCount: Int { frames.reduce(0) { $0 + $1.count } }

    /// Reads a recording; a foreign file, a newer version or a corrupt frame is refused with
    /// the reason. A file that ends mid-frame is read up to its last whole frame (`cut`).
    public init(bytes: [UInt8]) throws(RecordingError) {
        let all = bytes[...]
        let f = RecordingFormat.self
        guard bytes.count >= f.magic.count, Array(all.prefix(f.magic.count)) == f.magic else {
            throw RecordingError("not a chutetop recording (it does not start with the recording mark)")
        }
        guard bytes.count >= f.fileHeaderSize else { throw RecordingError("the recording ends inside its header (\(bytes.count) bytes)") }
        let version = all.littleEndian(UInt16.self, at: 8)
        guard version == f.version else {
            throw RecordingError("recording format version \(version); this chutetop reads version \(f.version)")
        }
        let length = Int(all.littleEndian(UInt32.self, at: 10)), crc = all.littleEndian(UInt32.self, at: 14)
        guard length <= f.maxHeaderBytes else { throw RecordingError("the recording's header is corrupt (length \(length))") }
        guard bytes.count >= f.fileHeaderSize + length else { throw RecordingError("the recording ends inside its header") }
        let json = all[f.fileHeaderSize..<(f.fileHeaderSize + length)]
        guard Zlib.crc32(json) == crc else { throw RecordingError("the recording's header is corrupt (checksum mismatch)") }
        do { header = try SessionCoding.decoder().decode(RecordingHeader.self, from: Data(json)) } catch {
            throw RecordingError("the recording's header cannot be read: \(error)")
        }
        var frames: [Frame] = []
        var offset = f.fileHeaderSize + length
        var cut: String?
        while offset < bytes.count {
            let left = bytes.count - offset
            let marked = min(left, f.frameMark.count)
            guard Array(all[offset..<(offset + marked)]) == Array(f.frameMark.prefix(marked)) else {
                throw RecordingError("the recording is corrupt at byte \(offset) (no frame starts there)")
            }
            if left < f.frameHeaderSize {
                cut = "the recording was cut off inside a frame at byte \(offset) (\(left) bytes lost)"
                break
            }
            let payloadLength = Int(all.littleEndian(UInt32.self, at: offset + 4)), raw = Int(all.littleEndian(UInt32.self, at: offset + 8))
            let count = Int(all.littleEndian(UInt32.self, at: offset + 12))
            let first = Double(bitPattern: all.littleEndian(UInt64.self, at: offset + 16))
            let last = Double(bitPattern: all.littleEndian(UInt64.self, at: offset + 24))
            let sum = all.littleEndian(UInt32.self, at: offset + 32)
            guard payloadLength <= f.maxFrameBytes, raw <= f.maxFrameBytes else {
                throw RecordingError("the recording is corrupt at byte \(offset) (a frame of \(payloadLength) bytes)")
            }
            let start = offset + f.frameHeaderSize
            guard start + payloadLength <= bytes.count else {
                cut = "the recording was cut off inside a frame at byte \(offset) (\(left) bytes lost)"
                break
            }
            let payload = start..<(start + payloadLength)
            guard Zlib.crc32(all[payload], seed: UInt(Zlib.crc32(all[(offset + 4)..<(offset + 32)]))) == sum,
                  count > 0, first.isFinite, last >= first, frames.last.map({ $0.last <= first }) ?? true else {
                throw RecordingError("the recording is corrupt at byte \(offset) (a frame's checksum or times do not match)")
            }
            frames.append(Frame(payload: payload, rawLength: raw, count: count, first: first, last: last))
            offset = payload.upperBound
        }
        self.frames = frames
        self.cut = cut
        self.bytes = bytes
    }

    /// The messages of frame `k`, in order.
    public func messages(inFrame k: Int) throws(RecordingError) -> [RecordedMessage] {
        let frame = frames[k]
        guard frame.rawLength > 0, let raw = Zlib.inflate(bytes[frame.payload], size: frame.rawLength) else {
            throw RecordingError("frame \(k + 1) of the recording cannot be decompressed")
        }
        let decoder = SessionCoding.decoder()
        var out: [RecordedMessage] = []
        out.reserveCapacity(frame.count)
        var offset = 0
        let all = raw[...]
        while offset + 12 <= raw.count {
            let time = Double(bitPattern: all.littleEndian(UInt64.self, at: offset))
            let length = Int(all.littleEndian(UInt32.self, at: offset + 8))
            guard offset + 12 + length <= raw.count else { break }
            do {
                let message = try decoder.decode(FleetWatchMessage.self, from: Data(raw[(offset + 12)..<(offset + 12 + length)]))
                out.append(RecordedMessage(time: time, message: message))
            } catch {
                throw RecordingError("message \(out.count + 1) of frame \(k + 1) cannot be read: \(error)")
            }
            offset += 12 + length
        }
        guard out.count == frame.count, offset == raw.count else {
            throw RecordingError("frame \(k + 1) of the recording holds \(out.count) whole messages, not \(frame.count)")
        }
        return out
    }

    /// The frame holding the last message at or before `time` (nil: before the first).
    public func frame(atOrBefore time: Double) -> Int? {
        var lo = 0, hi = frames.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if frames[mid].first <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}
