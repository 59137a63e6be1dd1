import Glibc

/// Interns byte strings (metric names, label names and values): each distinct byte sequence
/// becomes one `String` and a small integer id, so repeated names cost a hash and a compare,
/// not an allocation, and series keys can be hashed from ids. Reused across scrapes of a
/// target it keeps memory flat; it empties itself past `limit` entries.
final class ByteInterner {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private(set) var strings: [String] = []
    private var mask: Int
    private let limit: Int

    init(capacity: Int = 4096, limit: Int = 1 << 20) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        self.limit = limit
    }

    /// The id of the bytes, or nil if they are not valid UTF-8.
    @inline(__always)
    func intern(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int32? {
        let h = ByteInterner.hash(base, length)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            if hashes[Int(s)] == h && matches(Int(s), base, length) { return s }
            i = (i + 1) & mask
        }
        guard let string = String(validating: UnsafeBufferPointer(start: base, count: length), as: UTF8.self) else { return nil }
        if strings.count >= limit { removeAll() ; return intern(base, length) }
        let id = Int32(strings.count)
        strings.append(string)
        hashes.append(h)
        slots[i] = id
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    func removeAll() {
        strings.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = -1 }
    }

    @inline(__always)
    private func matches(_ id: Int, _ base: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        strings.withUnsafeBufferPointer { all in
            let s = all[id].utf8
            if s.count != length { return false }
            return s.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base, length) == 0 } ?? s.elementsEqual(UnsafeBufferPointer(start: base, count: length))
        }
    }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }

    /// A fast 64-bit hash of bytes, eight at a time.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        let raw = UnsafeRawPointer(base)
        var p = 0
        while p + 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            p += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while p < length {
            tail |= UInt64(base[p]) << shift
            shift += 8
            p += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
