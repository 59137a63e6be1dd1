/// A one-row chart of the latest values, one block glyph per column (newest on the right).
/// NaN draws as a gap; the scale is 0...max unless given.
public struct Sparkline: Sendable {
    public var values: [Double]
    public var role: Role
    public var maximum: Double?

    public init(values: [Double], role: Role = .series1, maximum: Double? = nil) {
        self.values = values
        self.role = role
        self.maximum = maximum
    }

    public func draw(in rect: Rect, on screen: inout Screen) {
        guard rect.width > 0, rect.height > 0 else { return }
        let shown = values.suffix(rect.width)
        let top = maximum ?? shown.filter { $0.isFinite }.max() ?? 0
        let levels = screen.glyphs.levels
        var x = rect.maxX - shown.count
        for v in shown {
            defer { x += 1 }
            guard v.isFinite else { continue }
            let level: Int
            if top <= 0 { level = 0 } else {
                level = min(levels.count - 1, max(0, Int((v / top * Double(levels.count - 1)).rounded())))
            }
            screen.put(levels[level], x: x, y: rect.y, role: role)
        }
    }
}
