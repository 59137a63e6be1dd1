import FleetEngine

/// The messages of the frame being filled: a frame is closed once it spans `frameSeconds` of
/// recorded time or holds `frameLimit` messages, so a recorder killed at any moment loses at
/// most about `frameSeconds` (plus the frame being written).
public struct RecordingBuffer: Sendable {
    public let frameSeconds: Double
    public let frameLimit: Int
    private(set) var pending: [RecordedMessage] = []
    private var lastTime = -Double.infinity
    private var deltas = DeltaEncoder()
    /// The first message's time of the last frame made (its group).
    private var previousFirst: Double?

    public init(frameSeconds: Double = 1, frameLimit: Int = 4096) {
        self.frameSeconds = frameSeconds
        self.frameLimit = frameLimit
    }

    /// Adds a message (its time never before the previous one's); returns the frame to write
    /// when one is complete.
    public mutating func add(_ message: FleetWatchMessage) throws -> [UInt8]? {
        lastTime = max(lastTime, message.time.isFinite ? message.time : lastTime)
        pending.append(RecordedMessage(time: lastTime, message: message))
        guard let first = pending.first, lastTime - first.time >= frameSeconds || pending.count >= frameLimit else { return nil }
        return try flush()
    }

    /// The pending messages as a frame (nil when there are none).
    public mutating func flush() throws -> [UInt8]? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        if DeltaGroups.starts(first: pending[0].time, previous: previousFirst) { deltas.startGroup() }
        previousFirst = pending[0].time
        return try RecordingFormat.frame(pending, deltas: &deltas)
    }
}
