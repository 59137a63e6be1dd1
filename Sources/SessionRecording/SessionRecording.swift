import FleetEngine
import Foundation
import Synchronization

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
    /// The delta state after the frame read last, so reading on from it decodes one frame.
    private let readAhead = ReadAhead()

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

    /// The messages of frame `k`, in order. Read on from the frame read last, at the cost of
    /// that frame; elsewhere, from the first frame of `k`'s group (`DeltaGroups`).
    public func messages(inFrame k: Int) throws(RecordingError) -> [RecordedMessage] {
        var deltas: DeltaDecoder
        if let after = readAhead.state.withLock({ $0 }), after.frame == k - 1, !startsGroup(k) {
            deltas = after.deltas
        } else {
            deltas = DeltaDecoder()
            var g = k
            while !startsGroup(g) { g -= 1 }
            for j in g..<k { _ = try stored(inFrame: j, &deltas) }
        }
        let decoder = SessionCoding.decoder()
        var out: [RecordedMessage] = []
        out.reserveCapacity(frames[k].count)
        for (n, (time, json)) in try stored(inFrame: k, &deltas).enumerated() {
            do {
                out.append(RecordedMessage(time: time, message: try decoder.decode(FleetWatchMessage.self, from: Data(json))))
            } catch {
                throw RecordingError("message \(n + 1) of frame \(k + 1) cannot be read: \(error)")
            }
        }
        readAhead.state.withLock { $0 = (k, deltas) }
        return out
    }

    /// Whether frame `k` starts a group.
    func startsGroup(_ k: Int) -> Bool { DeltaGroups.starts(first: frames[k].first, previous: k == 0 ? nil : frames[k - 1].first) }

    /// The messages' times and JSON texts of frame `k`, `deltas` carried through it.
    private func stored(inFrame k: Int, _ deltas: inout DeltaDecoder) throws(RecordingError) -> [(Double, [UInt8])] {
        let frame = frames[k]
        guard frame.rawLength > 0, let raw = Zlib.inflate(bytes[frame.payload], size: frame.rawLength) else {
            throw RecordingError("frame \(k + 1) of the recording cannot be decompressed")
        }
        var out: [(Double, [UInt8])] = []
        out.reserveCapacity(frame.count)
        var offset = 0
        let all = raw[...]
        while offset + 16 <= raw.count {
            let time = Double(bitPattern: all.littleEndian(UInt64.self, at: offset))
            let length = Int(all.littleEndian(UInt32.self, at: offset + 8))
            let subject = all.littleEndian(UInt32.self, at: offset + 12)
            guard length <= raw.count - offset - 16 else { break }
            guard let json = deltas.decode(subject: subject, stored: all[(offset + 16)..<(offset + 16 + length)]) else {
                throw RecordingError("message \(out.count + 1) of frame \(k + 1) cannot be read: it does not fit the message before it")
            }
            out.append((time, json))
            offset += 16 + length
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

/// Where the last read left the delta state (shared by copies of a recording: reading is
/// the same whichever copy reads).
private final class ReadAhead: Sendable {
    let state = Mutex<(frame: Int, deltas: DeltaDecoder)?>(nil)
}
