/// A horizontal bar for a fraction 0...1 with warning and critical thresholds. The label (for
/// example "87%") is drawn after the bar, and the bar's role follows the thresholds, so the
/// level is readable without colour.
public struct Gauge: Sendable {
    public var fraction: Double
    public var label: String
    public var warningAt: Double
    public var criticalAt: Double

    public init(fraction: Double, label: String, warningAt: Double = 0.8, criticalAt: Double = 0.95) {
        self.fraction = fraction
        self.label = label
        self.warningAt = warningAt
        self.criticalAt = criticalAt
    }

    public var role: Role {
        guard fraction.isFinite else { return .muted }
        if fraction >= criticalAt { return .gaugeCritical }
        if fraction >= warningAt { return .gaugeWarning }
        return .gaugeOK
    }

    public func draw(in rect: Rect, on screen: inout Screen) {
        guard rect.width > 0, rect.height > 0 else { return }
        let labelText = label.isEmpty ? "" : " " + label
        let labelWidth = min(DisplayWidth.of(labelText), rect.width)
        let barWidth = rect.width - labelWidth
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let filled = Int((f * Double(barWidth)).rounded())
        let g = screen.glyphs
        for i in 0..<barWidth {
            screen.put(i < filled ? g.gaugeFull : g.gaugeEmpty, x: rect.x + i, y: rect.y,
                       role: i < filled ? role : .gaugeTrack)
        }
        screen.put(labelText, x: rect.x + barWidth, y: rect.y, role: fraction.isFinite ? role : .muted, clip: rect)
    }
}
