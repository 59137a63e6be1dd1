import CNcursesw
import Glibc
import TermGuard
import TerminalUI

/// The real terminal, through ncursesw. Only this type calls ncurses, and only from the thread
/// that runs the loop. Frames are written row by row, only the rows that changed; ncurses then
/// sends the minimal update.
public final class NcursesTerminal: TerminalDevice {
    public struct Options: Sendable {
        /// NO_COLOR: no colour at all, attributes only.
        public var noColor: Bool
        /// Ask the terminal to report clicks and the wheel (xterm mouse reporting).
        public var mouse: Bool
        public init(noColor: Bool, mouse: Bool = false) {
            self.noColor = noColor
            self.mouse = mouse
        }
    }

    public private(set) var size: Size
    public let colorDepth: ColorDepth
    public var inputDescriptor: Int32? { STDIN_FILENO }

    private let window: UnsafeMutablePointer<WINDOW>
    private let screenHandle: OpaquePointer
    private var previous: Screen?
    private var appliedTheme: Theme?
    private var roleAttributes: [(attrs: attr_t, pair: Int16)] = []
    private var savedStderr: Int32 = -1
    private var stopped = false
    private let mouse: Bool

    /// Starts curses. Call `TerminalPreflight` first; `stderrTarget` (a log file) receives
    /// everything written to stderr while curses owns the screen.
    public init(options: Options, stderrTarget: Int32?) throws {
        _ = term_guard_save()
        guard let out = fdopen(dup(STDOUT_FILENO), "w"), let inp = fdopen(dup(STDIN_FILENO), "r"),
              let scr = newterm(nil, out, inp) else {
            throw TerminalStartError(message: "cannot start the terminal UI for TERM=\(String(cString: getenv("TERM") ?? strdup("")))")
        }
        screenHandle = scr
        _ = set_term(scr)
        window = cn_stdscr()!
        term_guard_install()
        if let target = stderrTarget {
            savedStderr = dup(STDERR_FILENO)
            dup2(target, STDERR_FILENO)
        }
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        curs_set(0)
        set_escdelay(25)
        mouse = options.mouse && cn_mouse_enable(1) != 0
        var depth = ColorDepth.mono
        if !options.noColor && has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth(colorCount: Int(cn_colors()))
        }
        colorDepth = depth
        var rows: Int32 = 0, cols: Int32 = 0
        cn_getmaxyx(window, &rows, &cols)
        size = Size(width: Int(cols), height: Int(rows))
    }

    deinit { stop() }

    /// Ends curses and restores the terminal. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if mouse { _ = cn_mouse_enable(0) }
        // The screen is blanked before it is left: tmux, after the window was resized while
        // this screen was shown, brings some of its lines back onto the shell's screen when
        // it is left (any curses program: Python's too); blank lines are what comes back then.
        werase(window)
        wnoutrefresh(window)
        doupdate()
        endwin()
        term_guard_restore()
        if savedStderr >= 0 {
            dup2(savedStderr, STDERR_FILENO)
            close(savedStderr)
        }
        delscreen(screenHandle)
    }

    public func readAvailableInput() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var ch: wint_t = 0
        while true {
            let result = wget_wch(window, &ch)
            if result == OK {
                if let key = KeyDecoder.character(ch) { inputs.append(.key(key)) }
            } else if result == KEY_CODE_YES {
                if Int32(ch) == KEY_RESIZE {
                    inputs.append(.resized(readSize()))
                } else if Int32(ch) == KEY_MOUSE {
                    var x: Int32 = 0, y: Int32 = 0
                    if let event = KeyDecoder.mouse(cn_mouse_read(&x, &y), x: x, y: y) { inputs.append(.mouse(event)) }
                } else if let key = KeyDecoder.functionKey(Int32(ch)) {
                    inputs.append(.key(key))
                }
            } else {
                break
            }
        }
        return inputs
    }

    public func windowSizeDidChange() -> Size {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 {
            resize_term(Int32(ws.ws_row), Int32(ws.ws_col))
        }
        return readSize()
    }

    public func invalidate() {
        previous = nil
        clearok(cn_curscr(), true)
    }

    public func present(_ screen: Screen, theme: Theme) {
        if appliedTheme != theme { apply(theme) }
        let full = previous == nil || previous?.size != screen.size
        for y in 0..<min(screen.size.height, size.height) where full || previous?.row(y) != screen.row(y) {
            write(row: y, of: screen)
        }
        previous = screen
        wnoutrefresh(window)
        doupdate()
    }

    private func readSize() -> Size {
        var rows: Int32 = 0, cols: Int32 = 0
        cn_getmaxyx(window, &rows, &cols)
        size = Size(width: Int(cols), height: Int(rows))
        return size
    }

    /// Writes one row: runs of ASCII cells with the same role in one call, every other cell on
    /// its own at its exact column, so a width disagreement with the C library cannot shift the row.
    private func write(row y: Int, of screen: Screen) {
        let width = min(screen.size.width, size.width)
        var run: [wchar_t] = []
        var runStart = 0
        var runRole = Role.normal
        func flush() {
            guard !run.isEmpty else { return }
            setRole(runRole)
            run.append(0)
            mvwaddnwstr(window, Int32(y), Int32(runStart), run, Int32(run.count - 1))
            run.removeAll(keepingCapacity: true)
        }
        for x in 0..<width {
            let cell = screen[x, y]
            if cell.isContinuation { continue }
            if let ascii = cell.character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                if run.isEmpty || cell.role != runRole {
                    flush()
                    runStart = x
                    runRole = cell.role
                }
                run.append(wchar_t(ascii))
            } else {
                flush()
                setRole(cell.role)
                var scalars = cell.character.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
                if DisplayWidth.of(cell.character) == 2 && x + 1 >= width { scalars = [wchar_t(32)] }
                let count = Int32(scalars.count)
                scalars.append(0)
                mvwaddnwstr(window, Int32(y), Int32(x), scalars, count)
            }
        }
        flush()
    }

    private func setRole(_ role: Role) {
        let a = roleAttributes[Int(role.rawValue)]
        wattr_set(window, a.attrs, a.pair, nil)
    }

    /// One colour pair per role (pair = role + 1), resolved for this terminal's colour depth.
    private func apply(_ theme: Theme) {
        appliedTheme = theme
        previous = nil
        roleAttributes = Role.allCases.map { role in
            let style = theme[role]
            var attrs = cn_a_normal()
            if style.attributes.contains(.bold) { attrs |= cn_a_bold() }
            if style.attributes.contains(.dim) { attrs |= cn_a_dim() }
            if style.attributes.contains(.italic) { attrs |= cn_a_italic() }
            if style.attributes.contains(.underline) { attrs |= cn_a_underline() }
            if style.attributes.contains(.reverse) { attrs |= cn_a_reverse() }
            guard colorDepth > .mono else { return (attrs, 0) }
            let pair = Int32(role.rawValue) + 1
            init_extended_pair(pair, colorNumber(style.foreground), colorNumber(style.background))
            return (attrs, Int16(pair))
        }
    }

    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color.resolved(for: colorDepth) {
        case nil, .terminalDefault: return -1
        case .ansi(let i), .indexed(let i): return Int32(i)
        case .rgb(let r, let g, let b): return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }
}

public struct TerminalStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
