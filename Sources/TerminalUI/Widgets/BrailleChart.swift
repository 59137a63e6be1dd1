/// A line chart of one or more series, 2x4 braille dots per cell (one point per dot column),
/// with the maximum and minimum labelled on the left. Falls back to one `*` per cell in ASCII.
public struct BrailleChart: Sendable {
    public struct Series: Sendable {
        public var values: [Double]
        public var role: Role
        public init(values: [Double], role: Role) { self.values = values; self.role = role }
    }

    public var series: [Series]
    /// Fixed bounds; by default the range of the data (with 0 as the floor when all are positive).
    public var minimum: Double?
    public var maximum: Double?
    public var format: @Sendable (Double) -> String

    public init(series: [Series], minimum: Double? = nil, maximum: Double? = nil,
                format: @escaping @Sendable (Double) -> String = { NumberText.compact($0) }) {
        self.series = series
        self.minimum = minimum
        self.maximum = maximum
        self.format = format
    }

    public func bounds() -> (lo: Double, hi: Double) {
        let finite = series.flatMap(\.values).filter(\.isFinite)
        var lo = minimum ?? min(0, finite.min() ?? 0)
        var hi = maximum ?? (finite.max() ?? 1)
        if hi <= lo { hi = lo + 1 }
        if !lo.isFinite { lo = 0 }
        return (lo, hi)
    }

    public func draw(in rect: Rect, on screen: inout Screen) {
        guard rect.width > 4, rect.height > 0 else { return }
        let (lo, hi) = bounds()
        let top = format(hi), bottom = format(lo)
        let axisWidth = max(DisplayWidth.of(top), DisplayWidth.of(bottom)) + 1
        screen.put(TextFitting.fit(top, width: axisWidth - 1, alignment: .right), x: rect.x, y: rect.y, role: .muted)
        if rect.height > 1 {
            screen.put(TextFitting.fit(bottom, width: axisWidth - 1, alignment: .right), x: rect.x, y: rect.maxY - 1, role: .muted)
        }
        let plot = Rect(x: rect.x + axisWidth, y: rect.y, width: rect.width - axisWidth, height: rect.height)
        guard plot.width > 0 else { return }
        if screen.glyphs.braille { drawBraille(plot, lo: lo, hi: hi, on: &screen) } else { drawASCII(plot, lo: lo, hi: hi, on: &screen) }
    }

    private func drawBraille(_ plot: Rect, lo: Double, hi: Double, on screen: inout Screen) {
        let dotsWide = plot.width * 2, dotsHigh = plot.height * 4
        var bits = [UInt8](repeating: 0, count: plot.width * plot.height)
        var roles = [Role?](repeating: nil, count: plot.width * plot.height)
        for s in series {
            let shown = Array(s.values.suffix(dotsWide))
            let startDot = dotsWide - shown.count
            var previous: Int?
            for (i, v) in shown.enumerated() {
                guard v.isFinite else { previous = nil; continue }
                let dy = dotRow(v, lo: lo, hi: hi, dotsHigh: dotsHigh)
                let dx = startDot + i
                let from = previous ?? dy
                for y in min(from, dy)...max(from, dy) {
                    let cell = (y / 4) * plot.width + dx / 2
                    bits[cell] |= BrailleChart.dotBit(column: dx % 2, row: y % 4)
                    roles[cell] = s.role
                }
                previous = dy
            }
        }
        for cy in 0..<plot.height {
            for cx in 0..<plot.width where bits[cy * plot.width + cx] != 0 {
                let scalar = Unicode.Scalar(0x2800 + UInt32(bits[cy * plot.width + cx]))!
                screen.put(Character(scalar), x: plot.x + cx, y: plot.y + cy, role: roles[cy * plot.width + cx] ?? .series1)
            }
        }
    }

    private func drawASCII(_ plot: Rect, lo: Double, hi: Double, on screen: inout Screen) {
        for s in series {
            let shown = Array(s.values.suffix(plot.width))
            let start = plot.width - shown.count
            for (i, v) in shown.enumerated() where v.isFinite {
                let row = dotRow(v, lo: lo, hi: hi, dotsHigh: plot.height)
                screen.put("*", x: plot.x + start + i, y: plot.y + row, role: s.role)
            }
        }
    }

    /// Row of a value in dot units, 0 at the top.
    private func dotRow(_ v: Double, lo: Double, hi: Double, dotsHigh: Int) -> Int {
        let f = min(1, max(0, (v - lo) / (hi - lo)))
        return (dotsHigh - 1) - Int((f * Double(dotsHigh - 1)).rounded())
    }

    /// The braille bit for a dot at (column 0-1, row 0-3) of a cell.
    public static func dotBit(column: Int, row: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return column == 0 ? left[row] : right[row]
    }
}
