/// Series key -> index of the series' first sample, as an open-addressing table. The keys are
/// already well-mixed 64-bit hashes of interned ids, so they need no hashing of their own.
struct SeriesTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var used = 0
    private var mask: Int

    init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The stored index for `key`, or stores `index` and returns nil.
    @inline(__always)
    mutating func firstIndex(for key: UInt64, storingIfAbsent index: Int32) -> Int32? {
        var i = Int(truncatingIfNeeded: key) & mask
        while values[i] >= 0 {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = index
        used += 1
        if used * 2 > keys.count { grow() }
        return nil
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for (k, v) in zip(oldKeys, oldValues) where v >= 0 {
            var i = Int(truncatingIfNeeded: k) & mask
            while values[i] >= 0 { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}
