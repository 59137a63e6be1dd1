/// A centred box listing the keys of the current view, in sections.
public struct HelpOverlay: Sendable {
    public struct Section: Sendable {
        public var title: String
        public var bindings: [(keys: String, action: String)]
        public init(_ title: String, _ bindings: [(keys: String, action: String)]) {
            self.title = title
            self.bindings = bindings
        }
    }

    public var title: String
    public var sections: [Section]
    /// Lines scrolled past when the list is taller than the screen (clamped when drawn).
    public var scroll: Int

    public init(title: String, sections: [Section], scroll: Int = 0) {
        self.title = title
        self.sections = sections
        self.scroll = scroll
    }

    /// The furthest the list scrolls in an area `height` rows tall.
    public static func maxScroll(_ sections: [Section], height: Int) -> Int {
        let lines = sections.reduce(0) { $0 + $1.bindings.count + 2 } - 1
        let visible = max(1, min(lines + 2, height) - 2)
        return max(0, lines - visible)
    }

    private enum Line {
        case title(String)
        case binding(keys: String, action: String)
        case blank
    }

    public func draw(in area: Rect, on screen: inout Screen) {
        let keyWidth = sections.flatMap { $0.bindings.map { DisplayWidth.of($0.keys) } }.max() ?? 4
        let actionWidth = sections.flatMap { $0.bindings.map { DisplayWidth.of($0.action) } }.max() ?? 10
        let lineCount = sections.reduce(0) { $0 + $1.bindings.count + 2 } + 1
        let titleWidth = DisplayWidth.of(title) + 18
        let sectionWidth = (sections.map { DisplayWidth.of($0.title) }.max() ?? 0) + 4
        let box = area.centered(Size(width: max(keyWidth + actionWidth + 7, titleWidth, sectionWidth), height: lineCount + 2))
        screen.fill(box, role: .dialog)
        var lines: [Line] = []
        for section in sections {
            lines.append(.title(section.title))
            lines += section.bindings.map { .binding(keys: $0.keys, action: $0.action) }
            lines.append(.blank)
        }
        if case .blank? = lines.last { lines.removeLast() }
        // Taller than the screen: it scrolls (j/k), and the badge says where it is.
        let visible = max(1, box.height - 2)
        let start = max(0, min(scroll, lines.count - visible))
        let end = min(lines.count, start + visible)
        let badge = lines.count > visible ? "\(start + 1)-\(end)/\(lines.count) j/k · esc close" : "esc close"
        let inner = Panel(title: title, focused: true, badge: badge).draw(in: box, on: &screen)
        for (y, line) in zip(inner.y..<inner.maxY, lines[start..<end]) {
            switch line {
            case .title(let text):
                screen.put(text, x: inner.x + 1, y: y, role: .header, clip: inner)
            case .binding(let keys, let action):
                screen.put(TextFitting.fit(keys, width: keyWidth, alignment: .right), x: inner.x + 1, y: y, role: .accent, clip: inner)
                screen.put(action, x: inner.x + keyWidth + 3, y: y, role: .dialog, clip: inner)
            case .blank:
                continue
            }
        }
    }
}
