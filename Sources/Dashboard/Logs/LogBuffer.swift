import Monitoring

/// The logs view's lines: a bounded buffer that drops its oldest line when full and counts
/// what it dropped, so a fast stream never makes the view fall behind. Filters (minimum level,
/// one request id) narrow what is shown; search only marks matches and moves between them.
public struct LogBuffer: Sendable {
    public struct Row: Sendable, Hashable {
        /// Increases by one per line received; stable while the line is kept.
        public var sequence: Int
        public var instance: String
        public var entry: LogEntry
    }

    /// Lines the logs view keeps (and the most a log batch on its way to it holds).
    public static let defaultCapacity = 10_000

    public let capacity: Int
    private var storage: [Row] = []
    private var head = 0
    public private(set) var received = 0
    public private(set) var dropped = 0

    public var follow = true
    public var wrap = false
    public var minimumLevel: LogLevel?
    public var requestFocus: String?
    public var search: String?
    /// The selected line's sequence number (nil: the newest line).
    public var selected: Int?
    /// Stream problems to show ("i-2: connection refused").
    public var problems: [String] = []

    public init(capacity: Int = LogBuffer.defaultCapacity) {
        precondition(capacity > 0)
        self.capacity = capacity
        storage.reserveCapacity(min(capacity, 4096))
    }

    /// Adds lines in arrival order, dropping the oldest beyond capacity. `droppedBefore`: lines
    /// the sender already dropped (counted, never shown).
    public mutating func append(_ entries: [(instance: String, entry: LogEntry)], droppedBefore: Int = 0) {
        received += droppedBefore
        dropped += droppedBefore
        for e in entries {
            let row = Row(sequence: received, instance: e.instance, entry: e.entry)
            received += 1
            if storage.count < capacity {
                storage.append(row)
            } else {
                storage[head] = row
                head = (head + 1) % capacity
                dropped += 1
            }
        }
        if let s = selected, s < received - storage.count { selected = nil }
    }

    /// Every kept line, oldest first.
    public var rows: Lines { Lines(storage: storage, head: head, picked: nil) }

    /// The lines the filters let through, oldest first. Read every frame of the logs view and on
    /// every move, so the kept lines are not copied: without a filter it is a window on the
    /// ring; with one, the positions of the lines that pass.
    public var shown: Lines {
        if minimumLevel == nil && requestFocus == nil { return rows }
        var picked: [Int] = []
        for k in 0..<storage.count {
            let position = (head + k) % storage.count
            let r = storage[position]
            if let m = minimumLevel, (r.entry.level ?? .info) < m { continue }
            if let id = requestFocus, r.entry.requestID != id { continue }
            picked.append(position)
        }
        return Lines(storage: storage, head: head, picked: picked)
    }

    /// Kept lines in order, read in place (`rows`, `shown`).
    public struct Lines: RandomAccessCollection, Sendable {
        let storage: [Row]
        let head: Int
        /// Ring positions of the lines shown, when a filter picks some.
        let picked: [Int]?

        public var startIndex: Int { 0 }
        public var endIndex: Int { picked?.count ?? storage.count }
        public subscript(k: Int) -> Row { storage[picked?[k] ?? (head + k) % storage.count] }
    }

    /// Whether a line contains the search text (case-insensitive), over every column shown.
    public func matches(_ row: Row) -> Bool {
        guard let s = search?.lowercased(), !s.isEmpty else { return false }
        return Self.searchText(row).lowercased().contains(s)
    }

    static func searchText(_ r: Row) -> String {
        ([r.instance, r.entry.message, r.entry.requestID ?? ""] + r.entry.fields.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
    }

    /// Index of the selected line within `shown` (the last when following or unset).
    public func selectedIndex(in shown: Lines) -> Int? {
        guard !shown.isEmpty else { return nil }
        if follow { return shown.count - 1 }
        guard let s = selected else { return shown.count - 1 }
        // Sequence numbers increase along the lines: the first at or after `s`, by halves.
        var low = 0, high = shown.count
        while low < high {
            let mid = (low + high) / 2
            if shown[mid].sequence >= s { high = mid } else { low = mid + 1 }
        }
        return low < shown.count ? low : shown.count - 1
    }

    /// Moves the selection by `delta` lines; moving stops following.
    public mutating func move(by delta: Int) {
        let lines = shown
        guard let i = selectedIndex(in: lines) else { return }
        let j = max(0, min(lines.count - 1, i + delta))
        follow = delta > 0 && j == lines.count - 1 ? follow : false
        selected = lines[j].sequence
    }

    /// Selects the next (or previous) line matching the search, wrapping around; false if none.
    @discardableResult
    public mutating func jumpToMatch(forward: Bool) -> Bool { selectMatch(fromStep: 1, forward: forward) }

    /// Selects the match nearest the selection for a new search: the selected line itself (the
    /// newest, when following), else the nearest before it; following stops there, or the next
    /// lines would push the match out of view. False if no line matches.
    @discardableResult
    public mutating func selectNearestMatch() -> Bool { selectMatch(fromStep: 0, forward: false) }

    private mutating func selectMatch(fromStep first: Int, forward: Bool) -> Bool {
        let lines = shown
        guard let i = selectedIndex(in: lines), !lines.isEmpty else { return false }
        for step in first...lines.count {
            let j = ((forward ? i + step : i - step) % lines.count + lines.count) % lines.count
            if matches(lines[j]) {
                follow = false
                selected = lines[j].sequence
                return true
            }
        }
        return false
    }

    /// Cycles the minimum level: all, debug, info, warn, error.
    public mutating func cycleLevel() {
        let steps: [LogLevel?] = [nil, .debug, .info, .warn, .error]
        let i = steps.firstIndex { $0 == minimumLevel } ?? 0
        minimumLevel = steps[(i + 1) % steps.count]
    }

    /// Shows only the selected line's request (or everything again); false if it has none.
    @discardableResult
    public mutating func toggleRequestFocus() -> Bool {
        if requestFocus != nil {
            requestFocus = nil
            return true
        }
        let lines = shown
        guard let i = selectedIndex(in: lines), let id = lines[i].entry.requestID else { return false }
        requestFocus = id
        follow = false
        selected = lines[i].sequence
        return true
    }
}
