import FleetEngine

/// What a recording says about itself, at its start: which program recorded which context
/// from when, and the engine's setup, so a replay builds the same engine.
public struct RecordingHeader: Sendable, Hashable, Codable {
    /// The program that recorded: `dashboard`, `demo` or `watch`.
    public var program: String
    public var context: String
    /// The source's kind (`direct`, `simulator`, `chutes`, `prometheus`).
    public var source: String
    public var production: Bool
    /// When recording began (seconds since the epoch, the shell's clock).
    public var started: Double
    /// The chutetop that recorded (its version or commit).
    public var recordedBy: String
    public var engine: EngineSetup

    public init(program: String, context: String, source: String, production: Bool, started: Double, recordedBy: String, engine: EngineSetup) {
        self.program = program
        self.context = context
        self.source = source
        self.production = production
        self.started = started
        self.recordedBy = recordedBy
        self.engine = engine
    }
}

/// One message as recorded: the time it was written down (never before the one before it)
/// and the message.
public struct RecordedMessage: Sendable, Hashable {
    public var time: Double
    public var message: FleetWatchMessage

    public init(time: Double, message: FleetWatchMessage) {
        self.time = time
        self.message = message
    }
}

/// Why a file cannot be replayed, in an operator's words.
public struct RecordingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
