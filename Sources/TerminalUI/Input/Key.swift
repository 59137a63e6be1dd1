/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    /// Ctrl with a letter, stored lower-case (`.ctrl("l")` is ctrl-L).
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown, insert, delete
    case enter, escape, backspace, tab, backTab
    case function(Int)

    public var description: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .insert: "insert"
        case .delete: "delete"
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .function(let n): "F\(n)"
        }
    }
}

/// What a terminal device reports: a key, a mouse event, or a new size.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(Size)
}
