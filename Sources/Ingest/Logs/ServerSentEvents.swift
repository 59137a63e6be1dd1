/// One server-sent event.
public struct ServerSentEvent: Sendable, Hashable {
    public var event: String?
    public var data: String
    public var id: String?

    public init(event: String?, data: String, id: String?) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// Incremental SSE framing (the WHATWG event-stream rules): feed bytes as they arrive, get
/// whole events. Lines end in LF, CRLF or CR; `:` lines are comments (keep-alives); `data`
/// lines join with LF; a blank line dispatches; `retry` takes digits only; an `id` holding NUL
/// is ignored. An event larger than `maxEventBytes` is dropped and counted, so a hostile
/// stream cannot grow memory without bound.
public struct ServerSentEventDecoder: Sendable {
    public private(set) var retryMilliseconds: Int?
    public private(set) var lastEventID: String?
    /// Comment lines seen (keep-alives).
    public private(set) var comments = 0
    /// Events dropped for being larger than `maxEventBytes`.
    public private(set) var oversizedEvents = 0
    public let maxEventBytes: Int

    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var eventID: String?
    private var afterCR = false
    private var oversized = false

    public init(maxEventBytes: Int = 1 << 20) { self.maxEventBytes = maxEventBytes }

    /// Whether bytes of an event not yet complete are held (a line or data lines without the
    /// blank line that ends them).
    public var isMidEvent: Bool { !line.isEmpty || hasData }

    /// Decodes `bytes`; returns the events they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for b in bytes {
            if afterCR {
                afterCR = false
                if b == 0x0A { continue }
            }
            if b == 0x0A || b == 0x0D {
                afterCR = b == 0x0D
                if let e = endLine() { events.append(e) }
            } else if line.count + data.count < maxEventBytes {
                line.append(b)
            } else {
                oversized = true
            }
        }
        return events
    }

    /// At the end of the stream an unterminated event is discarded, as the standard says.
    public mutating func finish() {
        line.removeAll()
        reset()
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line[0] == 0x3A { comments += 1; return nil }
        var field: ArraySlice<UInt8> = line[...]
        var value: ArraySlice<UInt8> = []
        if let colon = line.firstIndex(of: 0x3A) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == 0x20 { value = value.dropFirst() }
        }
        switch String(decoding: field, as: UTF8.self) {
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case "event": eventType = String(decoding: value, as: UTF8.self)
        case "id": if !value.contains(0) { eventID = String(decoding: value, as: UTF8.self) }
        case "retry": if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { retryMilliseconds = Int(String(decoding: value, as: UTF8.self)) }
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        if let id = eventID { lastEventID = id }
        defer { reset() }
        if oversized { oversizedEvents += 1; return nil }
        guard hasData else { return nil }
        return ServerSentEvent(event: eventType, data: String(decoding: data, as: UTF8.self), id: eventID)
    }

    private mutating func reset() {
        data.removeAll(keepingCapacity: true)
        hasData = false
        eventType = nil
        eventID = nil
        oversized = false
    }
}
