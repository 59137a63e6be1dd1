import Dashboard
import Ingest
import Monitoring
import TerminalUI

/// The logs view: time, level, instance (when merged), request id and message with the other
/// JSON fields, newest at the bottom. Search matches are highlighted in place (nothing is
/// hidden); the selected line is marked; wrap shows long lines whole. Every string arrived
/// sanitised (LogDecoder); the instance prefix is ours.
enum LogsView {
    static func draw(_ s: FleetDashboardState, _ scope: LogScope, in rect: Rect, on screen: inout Screen) {
        let logs = s.logs
        let shown = logs.shown
        var badge = ["\(shown.count) lines"]
        if logs.dropped > 0 { badge.append("\(logs.dropped) dropped") }
        badge.append(logs.follow ? "following" : "paused")
        if let level = logs.minimumLevel { badge.append("level ≥ \(level.name)") }
        if let id = logs.requestFocus { badge.append("request \(id)") }
        if let q = logs.search { badge.append("search '\(q)': \(shown.filter(logs.matches).count) lines") }
        if logs.wrap { badge.append("wrap") }
        var inner = Panel(title: "Log", focused: true, badge: badge.joined(separator: ", ")).draw(in: rect, on: &screen)
        guard inner.height > 0 else { return }
        if !logs.problems.isEmpty {
            let (lineArea, problemRow) = inner.splitBottom(1)
            inner = lineArea
            screen.put(logs.problems.suffix(2).joined(separator: "; "), x: problemRow.x, y: problemRow.y, role: .warning, clip: problemRow)
        }
        guard !shown.isEmpty else {
            screen.put(logs.received == 0 ? "waiting for log lines…" : "no line passes the level or request filter",
                       x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
            return
        }
        let merged: Bool
        if case .chute = scope { merged = true } else { merged = false }
        let selected = logs.selectedIndex(in: shown) ?? shown.count - 1
        // Walk back from the selected line (the newest when following) until the panel is full.
        var lines: [[(Character, Role)]] = []
        var heights: [Int] = []
        var used = 0
        var i = selected
        while i >= 0 && used < inner.height {
            var cells = format(shown[i], merged: merged)
            if logs.search != nil && logs.matches(shown[i]) { highlight(&cells, logs.search!) }
            let h = logs.wrap ? max(1, (cells.count + inner.width - 1) / inner.width) : 1
            lines.insert(cells, at: 0)
            heights.insert(h, at: 0)
            used += h
            i -= 1
        }
        var y = inner.maxY - min(used, inner.height)
        if used > inner.height { y -= used - inner.height }
        for (n, cells) in lines.enumerated() {
            let isSelected = n == lines.count - 1 && !logs.follow
            var x = inner.x
            var row = y
            for (ch, role) in cells {
                if x >= inner.maxX {
                    guard logs.wrap else { break }
                    row += 1
                    x = inner.x
                }
                if row >= inner.y && row < inner.maxY {
                    screen.put(ch, x: x, y: row, role: isSelected && role != .searchMatch ? .selected : role)
                }
                x += max(1, DisplayWidth.of(ch))
            }
            if isSelected, row >= inner.y, row < inner.maxY, x < inner.maxX {
                screen.fill(Rect(x: x, y: row, width: inner.maxX - x, height: 1), role: .selected)
            }
            y += heights[n]
        }
    }

    static func format(_ r: LogBuffer.Row, merged: Bool) -> [(Character, Role)] {
        var out: [(Character, Role)] = []
        func add(_ text: String, _ role: Role) { for ch in text { out.append((ch, role)) } }
        add((r.entry.time.map(Timestamps.clock) ?? "--:--:--.---") + " ", .muted)
        add((r.entry.level?.label ?? "     ") + " ", levelRole(r.entry.level))
        if merged { add("[\(r.instance)] ", .accent) }
        if let id = r.entry.requestID { add("req=\(id) ", .info) }
        add(r.entry.message, .normal)
        for f in r.entry.fields { add(" \(f.name)=\(f.value)", .muted) }
        return out
    }

    static func levelRole(_ level: LogLevel?) -> Role {
        switch level {
        case .error?, .fatal?: .critical
        case .warn?: .warning
        case .debug?, .trace?: .muted
        default: .normal
        }
    }

    /// Marks every case-insensitive occurrence of `query`.
    static func highlight(_ cells: inout [(Character, Role)], _ query: String) {
        let q = Array(query.lowercased())
        guard !q.isEmpty, cells.count >= q.count else { return }
        let lower = cells.map { $0.0.lowercased().first ?? $0.0 }
        var i = 0
        while i + q.count <= lower.count {
            if Array(lower[i..<(i + q.count)]) == q {
                for j in i..<(i + q.count) { cells[j].1 = .searchMatch }
                i += q.count
            } else {
                i += 1
            }
        }
    }
}
