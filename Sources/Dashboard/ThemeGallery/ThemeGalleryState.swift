import TerminalUI

/// The theme gallery (`chutetop themes`): every role of one theme on real widgets, cycling
/// through the themes with keys. A tool for theme authors that exercises the terminal stack.
public struct ThemeGalleryState: Sendable {
    public enum Overlay: Sendable {
        case help
        case confirmation(ConfirmationDialog)
        case input(TextInput)
    }

    public var themes: [Theme]
    public var themeIndex: Int
    public var selectedRow: Int = 0
    public var overlay: Overlay?
    public var message: String = ""
    public var glyphs: GlyphSet
    /// Theme files that failed to load, with file, line and role.
    public var loadErrors: [String]
    /// Where user themes come from; `r` reloads them.
    public var themeDirectory: String?
    /// What the terminal can show, for the header (nil in tests).
    public var colorDepth: ColorDepth?
    /// Whether NO_COLOR forced the mono theme.
    public var colorDisabled: Bool

    public init(themes: [Theme], themeIndex: Int = 0, glyphs: GlyphSet = .unicode, loadErrors: [String] = [],
                themeDirectory: String? = nil, colorDepth: ColorDepth? = nil, colorDisabled: Bool = false) {
        precondition(!themes.isEmpty, "the gallery needs at least one theme")
        self.themes = themes
        self.themeIndex = min(max(0, themeIndex), themes.count - 1)
        self.glyphs = glyphs
        self.loadErrors = loadErrors
        self.themeDirectory = themeDirectory
        self.colorDepth = colorDepth
        self.colorDisabled = colorDisabled
    }

    public var theme: Theme { themes[themeIndex] }

    /// Rows in the sample table (kept here so update and view agree).
    public static let sampleRowCount = 12
}

public enum ThemeGalleryCommand: Sendable, Equatable {
    case reloadThemes(directory: String)
}

public enum ThemeGalleryMessage: Sendable {
    case themesReloaded(themes: [Theme], errors: [String])
}
