/// A fixed-capacity ring of (time, value) points, 8 bytes each: time in tenths of a second
/// after the ring's epoch (UInt32: 13 years), value as Float. Its memory never grows after
/// creation: capacity x 8 bytes.
public struct HistoryRing: Sendable {
    public let capacity: Int
    public let epoch: Double
    private var times: [UInt32]
    private var values: [Float]
    private var head = 0
    public private(set) var count = 0

    public init(capacity: Int, epoch: Double) {
        self.capacity = max(1, capacity)
        self.epoch = epoch
        times = [UInt32](repeating: 0, count: self.capacity)
        values = [Float](repeating: 0, count: self.capacity)
    }

    public mutating func append(time: Double, value: Double) {
        let tenths = ((time - epoch) * 10).rounded()
        times[head] = tenths <= 0 ? 0 : tenths >= Double(UInt32.max) ? UInt32.max : UInt32(tenths)
        values[head] = Float(value)
        head = (head + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// Points oldest first.
    public var points: [HistoryPoint] {
        (0..<count).map { k in
            let i = (head - count + k + capacity) % capacity
            return HistoryPoint(time: epoch + Double(times[i]) / 10, value: Double(values[i]))
        }
    }

    public var last: HistoryPoint? { points.last }

    /// Bytes held by the buffers.
    public var memoryBytes: Int { capacity * (MemoryLayout<UInt32>.stride + MemoryLayout<Float>.stride) }
}

public struct HistoryPoint: Sendable, Hashable {
    public var time: Double
    public var value: Double
}
