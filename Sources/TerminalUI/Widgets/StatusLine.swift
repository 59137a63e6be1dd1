/// The bottom line: key hints ("q Quit  ? Help") on the left, a message on the right.
public struct StatusLine: Sendable {
    public var hints: [(key: String, action: String)]
    public var message: String
    /// When set, each hint shown is marked on the screen as this zone with its index in `hints`.
    public var zone: String?

    public init(hints: [(key: String, action: String)], message: String = "", zone: String? = nil) {
        self.hints = hints
        self.message = message
        self.zone = zone
    }

    public func draw(in rect: Rect, on screen: inout Screen) {
        guard rect.height > 0 else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        screen.fill(line, role: .statusBar)
        let messageWidth = min(DisplayWidth.of(message), rect.width / 2)
        let hintArea = Rect(x: rect.x, y: rect.y, width: rect.width - messageWidth - (messageWidth > 0 ? 1 : 0), height: 1)
        var x = rect.x + 1
        for (i, hint) in hints.enumerated() {
            let need = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.action) + 2
            if x + need > hintArea.maxX { break }
            let start = x
            x += screen.put(hint.key, x: x, y: rect.y, role: .keyHint, clip: hintArea)
            x += screen.put(" " + hint.action + "  ", x: x, y: rect.y, role: .statusBar, clip: hintArea)
            if let zone { screen.mark(Rect(x: start, y: rect.y, width: x - start - 2, height: 1), zone: zone, index: i) }
        }
        if messageWidth > 0 {
            let text = TextFitting.truncate(message, toWidth: messageWidth, ellipsis: screen.glyphs.ellipsis)
            screen.put(text, x: rect.maxX - DisplayWidth.of(text) - 1, y: rect.y, role: .statusBar, clip: line)
        }
    }
}
