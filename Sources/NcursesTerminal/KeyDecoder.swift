import CNcursesw
import TerminalUI

/// Turns what `wget_wch` returned into a `Key`.
enum KeyDecoder {
    /// A character code (`wget_wch` returned OK).
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x09: return .tab
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(code + 0x60)!))
        case 0x00...0x1F: return nil
        default: return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    /// What `cn_mouse_read` returned after KEY_MOUSE.
    static func mouse(_ code: Int32, x: Int32, y: Int32) -> MouseEvent? {
        let at = Point(x: Int(x), y: Int(y))
        switch code {
        case 1: return MouseEvent(.click, at: at)
        case 2: return MouseEvent(.doubleClick, at: at)
        case 4: return MouseEvent(.wheelUp, at: at)
        case 5: return MouseEvent(.wheelDown, at: at)
        default: return nil
        }
    }

    /// A function-key code (`wget_wch` returned KEY_CODE_YES). KEY_RESIZE and KEY_MOUSE are handled by the caller.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
