/// A ring of at most `capacity` (time, value) points, 8 bytes each: time in tenths of a second
/// after the ring's epoch (UInt32: 13 years), value as Float. The buffer grows as points arrive
/// (doubling from 16 slots, never beyond `capacity`), so a ring that has seen few points holds
/// little; once full, the oldest point is overwritten.
public struct HistoryRing: Sendable {
    /// One stored point.
    private struct Slot: Sendable {
        var tenths: UInt32
        var value: Float
    }

    /// The first allocation, in points (128 bytes).
    static let initialSlots = 16

    public let capacity: Int
    public let epoch: Double
    private var slots: [Slot] = []
    /// Where the next point goes once the ring is full (until then it is appended).
    private var head = 0
    public private(set) var count = 0

    public init(capacity: Int, epoch: Double) {
        self.capacity = max(1, capacity)
        self.epoch = epoch
    }

    public mutating func append(time: Double, value: Double) {
        let tenths = ((time - epoch) * 10).rounded()
        let slot = Slot(tenths: tenths <= 0 ? 0 : tenths >= Double(UInt32.max) ? UInt32.max : UInt32(tenths), value: Float(value))
        if count < capacity {
            let wanted = Self.slots(holding: count + 1, capacity: capacity)
            if slots.capacity < wanted { slots.reserveCapacity(wanted) }
            slots.append(slot)
            count += 1
        } else {
            slots[head] = slot
        }
        head = (head + 1) % capacity
    }

    /// Points oldest first.
    public var points: [HistoryPoint] {
        (0..<count).map { k in point(at: (head - count + k + capacity) % capacity) }
    }

    public var last: HistoryPoint? { count == 0 ? nil : point(at: (head - 1 + capacity) % capacity) }

    private func point(at i: Int) -> HistoryPoint {
        HistoryPoint(time: epoch + Double(slots[i].tenths) / 10, value: Double(slots[i].value))
    }

    /// Bytes of the buffer as allocated for the points held so far (what was asked of the
    /// allocator; its own rounding aside).
    public var memoryBytes: Int { Self.slots(holding: count, capacity: capacity) * MemoryLayout<Slot>.stride }

    /// Bytes once full: the most this ring ever holds.
    public var capacityBytes: Int { capacity * MemoryLayout<Slot>.stride }

    /// Slots allocated while `count` points are held: none, then 16, doubling, capped at capacity.
    static func slots(holding count: Int, capacity: Int) -> Int {
        guard count > 0 else { return 0 }
        var n = initialSlots
        while n < count { n *= 2 }
        return min(n, capacity)
    }
}

public struct HistoryPoint: Sendable, Hashable, Codable {
    public var time: Double
    public var value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}
