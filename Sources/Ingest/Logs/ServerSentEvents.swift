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
        if let events = bytes.withContiguousStorageIfAvailable({ feed(buffer: $0) }) { return events }
        return Array(bytes).withUnsafeBufferPointer { feed(buffer: $0) }
    }

    /// A line's bytes are taken as one run up to its end (a log stream is mostly long lines),
    /// not a byte at a time.
    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        var i = 0
        while i < buffer.count {
            let b = buffer[i]
            if afterCR {
                afterCR = false
                if b == 0x0A { i += 1; continue }
            }
            if b == 0x0A || b == 0x0D {
                afterCR = b == 0x0D
                if let e = endLine() { events.append(e) }
                i += 1
                continue
            }
            var end = i + 1
            while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
            let room = max(0, maxEventBytes - line.count - data.count)
            line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<min(end, i + room)]))
            if end - i > room { oversized = true }
            i = end
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
        if field.elementsEqual("data".utf8) {
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            eventType = String(decoding: value, as: UTF8.self)
        } else if field.elementsEqual("id".utf8) {
            if !value.contains(0) { eventID = String(decoding: value, as: UTF8.self) }
        } else if field.elementsEqual("retry".utf8) {
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { retryMilliseconds = Int(String(decoding: value, as: UTF8.self)) }
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
