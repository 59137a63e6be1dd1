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

extension Screen {
    /// Draws `other` (its cells and zones) with its top-left corner at `origin`, clipped.
    public mutating func place(_ other: Screen, at origin: Point) {
        for y in 0..<other.size.height where (0..<size.height).contains(origin.y + y) {
            for x in 0..<other.size.width where (0..<size.width).contains(origin.x + x) {
                self[origin.x + x, origin.y + y] = other[x, y]
            }
        }
        for z in other.zones {
            mark(Rect(x: z.rect.x + origin.x, y: z.rect.y + origin.y, width: z.rect.width, height: z.rect.height), zone: z.name, index: z.index)
        }
    }
}
