import TerminalUI

/// The gallery's one `update` function.
public enum ThemeGallery {
    public typealias Effect = ProgramEffect<ThemeGalleryCommand>

    /// The keys, for the help overlay and the README.
    public static let keyHelp: [HelpOverlay.Section] = [
        .init("Themes", [("n  →  tab", "next theme"), ("p  ←  shift-tab", "previous theme"), ("r", "reload theme files")]),
        .init("Widgets", [("j k  ↓ ↑", "move the table selection"), ("d", "open a confirmation dialog"),
                          ("i", "open a text input"), ("a", "toggle ASCII glyphs")]),
        .init("General", [("?", "this help"), ("ctrl-l", "redraw the screen"), ("q  esc", "quit")]),
    ]

    public static func update(_ state: inout ThemeGalleryState, _ event: ProgramEvent<ThemeGalleryMessage>) -> [Effect] {
        switch event {
        case .resized, .pointer:
            return []
        case .delivered(.themesReloaded(let loaded, let errors)):
            let currentName = state.theme.name
            state.themes = Theme.builtin + loaded
            state.themeIndex = state.themes.firstIndex { $0.name == currentName } ?? 0
            state.loadErrors = errors
            state.message = "reloaded \(loaded.count) theme file(s)" + (errors.isEmpty ? "" : ", \(errors.count) invalid")
            return []
        case .keyPressed(let key):
            if state.overlay != nil { return handleOverlayKey(&state, key) }
            return handleKey(&state, key)
        }
    }

    private static func handleKey(_ state: inout ThemeGalleryState, _ key: Key) -> [Effect] {
        let count = state.themes.count
        switch key {
        case .character("q"), .escape:
            return [.quit(status: 0)]
        case .character("n"), .right, .tab:
            state.themeIndex = (state.themeIndex + 1) % count
        case .character("p"), .left, .backTab:
            state.themeIndex = (state.themeIndex + count - 1) % count
        case .character("j"), .down:
            state.selectedRow = min(ThemeGalleryState.sampleRowCount - 1, state.selectedRow + 1)
        case .character("k"), .up:
            state.selectedRow = max(0, state.selectedRow - 1)
        case .character("?"):
            state.overlay = .help
        case .character("a"):
            state.glyphs = state.glyphs == .ascii ? .unicode : .ascii
            state.message = state.glyphs == .ascii ? "ASCII glyphs" : "Unicode glyphs"
        case .character("d"):
            state.overlay = .confirmation(ConfirmationDialog(
                title: "Restart instance",
                lines: ["This is a sample dialog: nothing will happen.",
                        "POST /api/v1/chutes/llama-3-70b/instances/i-2/restart",
                        "Cancel is focused; tab moves, enter chooses."],
                isDangerous: true))
        case .character("i"):
            state.overlay = .input(TextInput(prompt: "Filter: "))
        case .character("r"):
            guard let dir = state.themeDirectory else {
                state.message = "no theme directory (use --themes-dir)"
                return []
            }
            return [.perform(.reloadThemes(directory: dir))]
        default:
            break
        }
        return []
    }

    private static func handleOverlayKey(_ state: inout ThemeGalleryState, _ key: Key) -> [Effect] {
        switch state.overlay {
        case .help:
            if key == .escape || key == .character("?") || key == .character("q") || key == .enter { state.overlay = nil }
        case .confirmation(var dialog):
            switch dialog.handle(key) {
            case .pending: state.overlay = .confirmation(dialog)
            case .chose(let i):
                state.overlay = nil
                state.message = "dialog: chose \(dialog.buttons[i])"
            case .dismissed:
                state.overlay = nil
                state.message = "dialog: dismissed"
            }
        case .input(var input):
            switch input.handle(key) {
            case .editing: state.overlay = .input(input)
            case .submitted(let text):
                state.overlay = nil
                state.message = "input: \"\(text)\""
            case .cancelled:
                state.overlay = nil
                state.message = "input: cancelled"
            }
        case nil:
            break
        }
        return []
    }
}
