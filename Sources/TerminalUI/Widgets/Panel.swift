/// A bordered box with a title in the top border. Returns the inner area for its content.
public struct Panel: Sendable {
    public var title: String
    public var focused: Bool
    /// Extra text right-aligned in the top border (e.g. "3/40" or an age).
    public var badge: String?

    public init(title: String, focused: Bool = false, badge: String? = nil) {
        self.title = title
        self.focused = focused
        self.badge = badge
    }

    @discardableResult
    public func draw(in rect: Rect, on screen: inout Screen) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = screen.glyphs
        let role: Role = focused ? .borderFocused : .border
        let top = rect.y, bottom = rect.maxY - 1, left = rect.x, right = rect.maxX - 1
        for x in (left + 1)..<right {
            screen.put(g.horizontal, x: x, y: top, role: role)
            screen.put(g.horizontal, x: x, y: bottom, role: role)
        }
        for y in (top + 1)..<bottom {
            screen.put(g.vertical, x: left, y: y, role: role)
            screen.put(g.vertical, x: right, y: y, role: role)
        }
        screen.put(g.topLeft, x: left, y: top, role: role)
        screen.put(g.topRight, x: right, y: top, role: role)
        screen.put(g.bottomLeft, x: left, y: bottom, role: role)
        screen.put(g.bottomRight, x: right, y: bottom, role: role)
        var badgeWidth = 0
        if let badge, rect.width > 8 {
            let text = " " + TextFitting.truncate(badge, toWidth: max(0, rect.width / 3), ellipsis: g.ellipsis) + " "
            badgeWidth = DisplayWidth.of(text)
            screen.put(text, x: right - badgeWidth, y: top, role: .muted)
        }
        if !title.isEmpty, rect.width > 4 {
            let room = rect.width - 4 - badgeWidth
            let text = " " + TextFitting.truncate(title, toWidth: max(0, room - 2), ellipsis: g.ellipsis) + " "
            screen.put(text, x: left + 1, y: top, role: .title, clip: Rect(x: left + 1, y: top, width: room + 2, height: 1))
        }
        return rect.inset(by: 1)
    }
}
