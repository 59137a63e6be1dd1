/// A named region of a drawn screen (a table's row, a breadcrumb, a key hint), recorded by the
/// widget that drew it, so a mouse click is matched against the layout the user saw rather than
/// a second copy of the layout arithmetic.
public struct ScreenZone: Hashable, Sendable {
    public var rect: Rect
    /// What kind of thing it is (`chutes`, `crumb`, `hint`…), named by the drawing program.
    public var name: String
    /// Which one: the row's index in its table, the crumb's depth, the hint's position.
    public var index: Int

    public init(_ rect: Rect, name: String, index: Int) {
        self.rect = rect
        self.name = name
        self.index = index
    }
}

extension Screen {
    /// Records that `rect` shows item `index` of `name` (clipped to the screen).
    public mutating func mark(_ rect: Rect, zone name: String, index: Int) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        zones.append(ScreenZone(r, name: name, index: index))
    }

    /// The zones under `point`, the last drawn (the topmost) first.
    public func zones(at point: Point) -> [ScreenZone] {
        zones.reversed().filter { $0.rect.contains(point) }
    }
}
