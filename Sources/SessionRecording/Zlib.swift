import CZlib

/// zlib's deflate, inflate and CRC-32 on byte arrays (the system's libz).
enum Zlib {
    static func crc32(_ bytes: ArraySlice<UInt8>, seed: UInt = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { b in
            UInt32(truncatingIfNeeded: CZlib.crc32(uLong(seed), b.baseAddress, uInt(b.count)))
        }
    }

    static func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(i.count), level) }
        }
        precondition(status == Z_OK, "deflate into a buffer of compressBound's size failed: \(status)")
        return Array(out.prefix(Int(size)))
    }

    /// Nil when the bytes are not a zlib stream of exactly `size` bytes.
    static func inflate(_ bytes: ArraySlice<UInt8>, size: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: size)
        var length = uLong(size)
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &length, i.baseAddress, uLong(i.count)) }
        }
        return status == Z_OK && Int(length) == size ? out : nil
    }
}
