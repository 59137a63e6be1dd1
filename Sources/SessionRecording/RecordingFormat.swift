import FleetEngine

/// The recording file's layout (version 2), little-endian throughout:
///
///     file    = "CHUTEREC" version:u16 headerLength:u32 headerCRC:u32 header(JSON) frame*
///     frame   = "RFRM" payloadLength:u32 rawLength:u32 count:u32 first:f64 last:f64 crc:u32 payload
///     payload = zlib(deflate, level 9) of count × (time:f64 length:u32 subject:u32 stored)
///     stored  = "F" message(JSON, SessionCoding) | "D" delta (`MessageDelta`)
///
/// A frame's CRC-32 covers its fields after the mark and its payload. Frames are written whole
/// with one `write` each and compressed on their own, so a recording cut off by a crash loses
/// only the frame being written. A message with a subject (a poll target's reading, the
/// listing) is written against that subject's previous one in its five-minute group
/// (`DeltaGroups`), so a frame is read from its group's first frame on. (Version 1 stored
/// every message whole: 34 MB an hour per 100 instances, against 20 MB wanted.)
public enum RecordingFormat {
    public static let version: UInt16 = 2
    static let magic = Array("CHUTEREC".utf8)
    static let frameMark = Array("RFRM".utf8)
    static let fileHeaderSize = 8 + 2 + 4 + 4
    static let frameHeaderSize = 4 + 4 + 4 + 4 + 8 + 8 + 4
    /// Caps that a sane recorder never reaches; beyond them a length is corruption.
    static let maxHeaderBytes = 1 << 20
    static let maxFrameBytes = 256 << 20

    /// The file's opening bytes.
    public static func fileHeader(_ header: RecordingHeader) throws -> [UInt8] {
        let json = Array(try SessionCoding.encoder().encode(header))
        var out = magic
        out.appendLittleEndian(version)
        out.appendLittleEndian(UInt32(json.count))
        out.appendLittleEndian(Zlib.crc32(json[...]))
        return out + json
    }

    /// One frame holding `messages` (at least one), each written with `deltas`, compressed.
    static func frame(_ messages: [RecordedMessage], deltas: inout DeltaEncoder) throws -> [UInt8] {
        precondition(!messages.isEmpty)
        let encoder = SessionCoding.encoder()
        var raw: [UInt8] = []
        for m in messages {
            let (subject, stored) = deltas.encode(m.message, json: Array(try encoder.encode(m.message)))
            raw.appendLittleEndian(m.time.bitPattern)
            raw.appendLittleEndian(UInt32(stored.count))
            raw.appendLittleEndian(subject)
            raw.append(contentsOf: stored)
        }
        let payload = Zlib.deflate(raw, level: 9)
        var fields: [UInt8] = []
        fields.appendLittleEndian(UInt32(payload.count))
        fields.appendLittleEndian(UInt32(raw.count))
        fields.appendLittleEndian(UInt32(messages.count))
        fields.appendLittleEndian(messages[0].time.bitPattern)
        fields.appendLittleEndian(messages[messages.count - 1].time.bitPattern)
        let crc = Zlib.crc32(payload[...], seed: UInt(Zlib.crc32(fields[...])))
        var out = frameMark + fields
        out.appendLittleEndian(crc)
        return out + payload
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension ArraySlice where Element == UInt8 {
    /// The little-endian integer at `offset` (absolute index); the caller checked the bounds.
    func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value = T.zero
        for k in 0..<MemoryLayout<T>.size { value |= T(self[offset + k]) << (8 * k) }
        return value
    }
}
