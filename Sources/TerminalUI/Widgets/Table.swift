/// A table with sized columns, right-aligned numbers, ellipsis truncation, a selected row and
/// virtualised scrolling: it asks only for the rows it shows, so 10,000 rows cost what 20 do.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var minWidth: Int
        public var maxWidth: Int
        public var alignment: TextFitting.Alignment
        /// How much of the spare width this column takes relative to others (0 = none).
        public var grow: Int

        public init(_ title: String, min: Int, max: Int? = nil, alignment: TextFitting.Alignment = .left, grow: Int = 0) {
            self.title = title
            self.minWidth = min
            self.maxWidth = max ?? min
            self.alignment = alignment
            self.grow = grow
        }
    }

    /// One cell's text and role. A `suffix` is shown whole at any width: when the cell is too
    /// narrow the text before it is shortened in the middle (a chute's name before its instance).
    public struct Item: Sendable, Hashable {
        public var text: String
        public var role: Role
        public var suffix: String
        public init(_ text: String, role: Role = .normal, suffix: String = "") {
            self.text = text
            self.role = role
            self.suffix = suffix
        }
    }

    public var columns: [Column]
    public var rowCount: Int
    public var selectedRow: Int?
    /// Asked for each visible row; returns one item per column.
    public var row: @Sendable (Int) -> [Item]
    public var sortColumn: Int?
    public var sortDescending: Bool
    /// When set, each visible row is marked on the screen as this zone with its row index
    /// (so a click selects it).
    public var zone: String?

    public init(columns: [Column], rowCount: Int, selectedRow: Int? = nil,
                sortColumn: Int? = nil, sortDescending: Bool = false, zone: String? = nil,
                row: @escaping @Sendable (Int) -> [Item]) {
        self.zone = zone
        self.columns = columns
        self.rowCount = rowCount
        self.selectedRow = selectedRow
        self.sortColumn = sortColumn
        self.sortDescending = sortDescending
        self.row = row
    }

    /// Column widths for `totalWidth`: every column gets its minimum (dropping columns from the
    /// right when even that does not fit), then spare width goes to growing columns up to their max.
    public func columnWidths(for totalWidth: Int) -> [Int] {
        var widths = [Int](repeating: 0, count: columns.count)
        var used = 0
        for (i, c) in columns.enumerated() {
            let need = c.minWidth + (i == 0 ? 0 : 1)
            if used + need > totalWidth { break }
            widths[i] = c.minWidth
            used += need
        }
        var spare = totalWidth - used
        let growing = columns.indices.filter { widths[$0] > 0 && columns[$0].grow > 0 }
        while spare > 0 {
            let open = growing.filter { widths[$0] < columns[$0].maxWidth }
            if open.isEmpty { break }
            let shares = open.reduce(0) { $0 + columns[$1].grow }
            var gave = 0
            for i in open where spare - gave > 0 {
                let share = max(1, (spare * columns[i].grow) / shares)
                let add = min(share, columns[i].maxWidth - widths[i], spare - gave)
                widths[i] += add
                gave += add
            }
            if gave == 0 { break }
            spare -= gave
        }
        return widths
    }

    /// The first row to show so that `selected` stays visible in `visibleRows` rows.
    public static func scrollOffset(selected: Int?, current: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > visibleRows else { return 0 }
        var offset = min(max(0, current), rowCount - visibleRows)
        if let s = selected {
            if s < offset { offset = s }
            if s >= offset + visibleRows { offset = s - visibleRows + 1 }
        }
        return offset
    }

    /// Draws header and rows; returns the scroll offset used (keep it in state for the next frame).
    @discardableResult
    public func draw(in rect: Rect, on screen: inout Screen, scrollOffset: Int = 0) -> Int {
        guard rect.height >= 1, rect.width >= 1 else { return scrollOffset }
        let g = screen.glyphs
        let hasScrollbar = rowCount > rect.height - 1 && rect.width > 10
        let body = hasScrollbar ? Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: rect.height) : rect
        let widths = columnWidths(for: body.width)
        var x = body.x
        for (i, c) in columns.enumerated() where widths[i] > 0 {
            var title = c.title
            if sortColumn == i { title.append(sortDescending ? g.sortDescending : g.sortAscending) }
            let text = TextFitting.fit(title, width: widths[i], alignment: c.alignment, ellipsis: g.ellipsis)
            screen.put(text, x: x, y: body.y, role: .header, clip: body)
            x += widths[i] + 1
        }
        let visible = rect.height - 1
        let offset = Table.scrollOffset(selected: selectedRow, current: scrollOffset, visibleRows: visible, rowCount: rowCount)
        let last = min(rowCount, offset + visible)
        guard offset < last else { return offset }
        for r in offset..<last {
            let y = body.y + 1 + (r - offset)
            let isSelected = r == selectedRow
            if isSelected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selected) }
            if let zone { screen.mark(Rect(x: body.x, y: y, width: body.width, height: 1), zone: zone, index: r) }
            let items = row(r)
            x = body.x
            for (i, c) in columns.enumerated() where widths[i] > 0 {
                let item = i < items.count ? items[i] : Item("")
                let fitted = item.suffix.isEmpty ? item.text : TextFitting.truncate(item.text, keeping: item.suffix, toWidth: widths[i], ellipsis: g.ellipsis)
                let text = TextFitting.fit(fitted, width: widths[i], alignment: c.alignment, ellipsis: g.ellipsis)
                screen.put(text, x: x, y: y, role: isSelected ? .selected : item.role, clip: body)
                x += widths[i] + 1
            }
        }
        if hasScrollbar { drawScrollbar(x: rect.maxX - 1, y: rect.y + 1, height: visible, offset: offset, on: &screen) }
        return offset
    }

    private func drawScrollbar(x: Int, y: Int, height: Int, offset: Int, on screen: inout Screen) {
        guard height > 0 else { return }
        let thumb = max(1, height * height / max(1, rowCount))
        let start = min(height - thumb, (offset * height) / max(1, rowCount))
        for i in 0..<height {
            let inThumb = i >= start && i < start + thumb
            screen.put(inThumb ? screen.glyphs.scrollThumb : screen.glyphs.scrollTrack, x: x, y: y + i,
                       role: inThumb ? .accent : .border)
        }
    }
}
