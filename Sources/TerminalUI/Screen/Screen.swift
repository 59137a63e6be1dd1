/// A pure in-memory grid of cells: what one frame shows. Views draw into it; a terminal device
/// presents it. Drawing is always clipped to the screen, so widgets never write out of bounds.
public struct Screen: Hashable, Sendable {
    public let size: Size
    public var glyphs: GlyphSet
    public private(set) var cells: [Cell]
    /// What was drawn where, for mouse clicks (`mark`, `zones(at:)`).
    public internal(set) var zones: [ScreenZone] = []

    public init(size: Size, glyphs: GlyphSet = .unicode) {
        self.size = size
        self.glyphs = glyphs
        self.cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// One row of cells.
    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * size.width)..<((y + 1) * size.width)] }

    /// Writes `text` from `(x, y)`, clipped to `clip` (default: the whole screen). Returns the
    /// number of columns written. A wide character that would straddle the edge becomes a space.
    /// The text must already be sanitised: control characters are drawn as nothing.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, role: Role = .normal, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY, x < area.maxX else { return 0 }
        var cx = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if cx + w > area.maxX {
                if cx < area.maxX, cx >= area.x { set(x: cx, y: y, Cell(" ", role: role)) }
                break
            }
            if cx >= area.x {
                set(x: cx, y: y, Cell(ch, role: role))
                if w == 2 { set(x: cx + 1, y: y, Cell(" ", role: role, isContinuation: true)) }
            }
            cx += w
        }
        return max(0, cx - x)
    }

    /// Writes one character at `(x, y)` if it fits.
    public mutating func put(_ ch: Character, x: Int, y: Int, role: Role = .normal) {
        guard bounds.contains(Point(x: x, y: y)) else { return }
        let w = DisplayWidth.of(ch)
        if w == 2 && x + 1 < size.width {
            set(x: x, y: y, Cell(ch, role: role))
            set(x: x + 1, y: y, Cell(" ", role: role, isContinuation: true))
        } else if w >= 1 {
            set(x: x, y: y, Cell(w == 2 ? " " : ch, role: role))
        }
    }

    /// Fills `rect` with `ch` in `role`.
    public mutating func fill(_ rect: Rect, with ch: Character = " ", role: Role = .normal) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { self[x, y] = Cell(ch, role: role) } }
    }

    /// Re-styles the cells in `rect` without changing their characters.
    public mutating func setRole(_ role: Role, in rect: Rect) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { self[x, y].role = role } }
    }

    /// Keeps wide characters whole: overwriting half of one blanks the other half.
    private mutating func set(x: Int, y: Int, _ cell: Cell) {
        let old = self[x, y]
        if old.isContinuation, x > 0, !cell.isContinuation { self[x - 1, y].character = " " }
        if !old.isContinuation, DisplayWidth.of(old.character) == 2, x + 1 < size.width, !cell.isContinuation {
            self[x + 1, y] = Cell(" ", role: self[x + 1, y].role)
        }
        self[x, y] = cell
    }
}
