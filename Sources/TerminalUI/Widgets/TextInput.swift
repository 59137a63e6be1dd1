/// A one-line text field: editing keys, a cursor, and submit/cancel outcomes. A prefilled value
/// may start selected, as in the forms people know: the first character typed replaces it,
/// backspace, delete or ctrl-U clear it, a cursor key keeps it for editing, enter takes it.
public struct TextInput: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable { case editing, submitted(String), cancelled }

    public var prompt: String
    public private(set) var text: String
    /// Cursor position in characters.
    public private(set) var cursor: Int
    /// The whole value is selected: the next character replaces it.
    public private(set) var isSelected: Bool

    public init(prompt: String, text: String = "", selected: Bool = false) {
        self.prompt = prompt
        self.text = text
        self.cursor = text.count
        self.isSelected = selected && !text.isEmpty
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if isSelected {
            switch key {
            case .character, .backspace, .delete, .ctrl("u"):
                isSelected = false
                text = ""
                cursor = 0
                guard case .character = key else { return .editing }
            case .left, .home, .ctrl("a"):
                isSelected = false
                cursor = 0
                return .editing
            case .right, .end, .ctrl("e"):
                isSelected = false
                cursor = text.count
                return .editing
            default: break
            }
        }
        switch key {
        case .character(let c):
            text.insert(c, at: text.index(text.startIndex, offsetBy: cursor))
            cursor += 1
        case .backspace where cursor > 0:
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete where cursor < text.count:
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"): text = ""; cursor = 0
        case .enter: return .submitted(text)
        case .escape: return .cancelled
        default: break
        }
        return .editing
    }

    /// Draws "prompt text" with the cursor cell (or the whole selected value) highlighted;
    /// scrolls to keep the cursor visible.
    public func draw(in rect: Rect, on screen: inout Screen) {
        guard rect.width > 0, rect.height > 0 else { return }
        let promptWidth = screen.put(prompt, x: rect.x, y: rect.y, role: .emphasis, clip: rect)
        let field = Rect(x: rect.x + promptWidth, y: rect.y, width: rect.width - promptWidth, height: 1)
        guard field.width > 1 else { return }
        screen.fill(field, role: .input)
        let chars = Array(text)
        let start = max(0, cursor - field.width + 1)
        var x = field.x
        for i in start..<chars.count {
            let w = DisplayWidth.of(chars[i])
            if x + w > field.maxX { break }
            screen.put(chars[i], x: x, y: field.y, role: i == cursor || isSelected ? .selected : .input)
            x += max(1, w)
        }
        if cursor == chars.count, !isSelected, x < field.maxX { screen.put(" ", x: x, y: field.y, role: .selected) }
    }
}
