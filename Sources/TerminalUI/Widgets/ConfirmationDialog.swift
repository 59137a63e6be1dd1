/// A modal question with buttons. The first button is focused when it opens, and by
/// convention it is Cancel, so Enter on a fresh dialog never does anything destructive.
/// There are no single-letter shortcuts: only Enter on the focused button confirms.
public struct ConfirmationDialog: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case pending
        case chose(Int)
        case dismissed
    }

    public var title: String
    public var lines: [String]
    public var buttons: [String]
    public private(set) var focusedButton: Int = 0
    public var isDangerous: Bool

    public init(title: String, lines: [String], buttons: [String] = ["Cancel", "Confirm"], isDangerous: Bool = false) {
        self.title = title
        self.lines = lines
        self.buttons = buttons
        self.isDangerous = isDangerous
    }

    /// Handles a key; every key is captured while the dialog is open.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .left, .backTab, .character("h"): focusedButton = (focusedButton + buttons.count - 1) % buttons.count
        case .right, .tab, .character("l"): focusedButton = (focusedButton + 1) % buttons.count
        case .enter: return .chose(focusedButton)
        case .escape, .character("q"), .character("n"): return .dismissed
        default: break
        }
        return .pending
    }

    public func draw(in area: Rect, on screen: inout Screen) {
        let g = screen.glyphs
        let buttonsText = buttons.map { "[ \($0) ]" }.joined(separator: "  ")
        let contentWidth = max(DisplayWidth.of(title) + 4, DisplayWidth.of(buttonsText), lines.map { DisplayWidth.of($0) }.max() ?? 0)
        let box = area.centered(Size(width: min(area.width - 2, contentWidth + 4), height: lines.count + 5))
        screen.fill(box, role: .dialog)
        let inner = Panel(title: title, focused: true).draw(in: box, on: &screen)
        screen.setRole(.dialog, in: inner)
        for (i, line) in lines.enumerated() where i < inner.height - 2 {
            let role: Role = isDangerous && i == 0 ? .warning : .dialog
            screen.put(TextFitting.truncate(line, toWidth: inner.width - 2, ellipsis: g.ellipsis),
                       x: inner.x + 1, y: inner.y + i, role: role, clip: inner)
        }
        var x = inner.x + max(1, (inner.width - DisplayWidth.of(buttonsText)) / 2)
        let y = inner.maxY - 1
        for (i, b) in buttons.enumerated() {
            let label = "[ \(b) ]"
            x += screen.put(label, x: x, y: y, role: i == focusedButton ? .dialogButtonFocused : .dialogButton, clip: inner)
            x += 2
        }
    }
}
