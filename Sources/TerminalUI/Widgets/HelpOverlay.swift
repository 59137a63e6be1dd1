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

    public init(title: String, sections: [Section]) {
        self.title = title
        self.sections = sections
    }

    public func draw(in area: Rect, on screen: inout Screen) {
        let keyWidth = sections.flatMap { $0.bindings.map { DisplayWidth.of($0.keys) } }.max() ?? 4
        let actionWidth = sections.flatMap { $0.bindings.map { DisplayWidth.of($0.action) } }.max() ?? 10
        let lineCount = sections.reduce(0) { $0 + $1.bindings.count + 2 } + 1
        let titleWidth = DisplayWidth.of(title) + 18
        let sectionWidth = (sections.map { DisplayWidth.of($0.title) }.max() ?? 0) + 4
        let box = area.centered(Size(width: max(keyWidth + actionWidth + 7, titleWidth, sectionWidth), height: lineCount + 2))
        screen.fill(box, role: .dialog)
        let inner = Panel(title: title, focused: true, badge: "esc close").draw(in: box, on: &screen)
        var y = inner.y
        for section in sections {
            guard y < inner.maxY else { break }
            screen.put(section.title, x: inner.x + 1, y: y, role: .header, clip: inner)
            y += 1
            for b in section.bindings where y < inner.maxY {
                screen.put(TextFitting.fit(b.keys, width: keyWidth, alignment: .right), x: inner.x + 1, y: y, role: .accent, clip: inner)
                screen.put(b.action, x: inner.x + keyWidth + 3, y: y, role: .dialog, clip: inner)
                y += 1
            }
            y += 1
        }
    }
}
