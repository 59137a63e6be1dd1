/// The characters widgets draw with. `ascii` is the fallback for terminals that cannot show
/// box drawing, block or braille characters (`--ascii`, or detected from TERM).
public struct GlyphSet: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    public var ellipsis: String
    /// Eight levels for sparklines and bar ends, lowest first (index 0 is the lowest non-empty).
    public var levels: [Character]
    public var gaugeFull, gaugeEmpty: Character
    /// Whether charts may use 2x4 braille dots per cell.
    public var braille: Bool
    public var scrollThumb, scrollTrack: Character
    public var pointer: Character
    /// Status glyphs; status is always shown as glyph + word, never by colour alone.
    public var statusOK, statusWarning, statusCritical, statusUnknown: Character
    /// Sort direction marks for table headers.
    public var sortAscending, sortDescending: Character
    /// Separates items in a header or title.
    public var separator: String

    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
        ellipsis: "…", levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFull: "█", gaugeEmpty: "░",
        braille: true, scrollThumb: "┃", scrollTrack: "│", pointer: "▶",
        statusOK: "✔", statusWarning: "▲", statusCritical: "✖", statusUnknown: "?",
        sortAscending: "↑", sortDescending: "↓", separator: " │ ")

    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", levels: ["_", ".", ",", "-", "=", "+", "*", "#"], gaugeFull: "#", gaugeEmpty: ".",
        braille: false, scrollThumb: "#", scrollTrack: "|", pointer: ">",
        statusOK: "+", statusWarning: "!", statusCritical: "x", statusUnknown: "?",
        sortAscending: "^", sortDescending: "v", separator: " | ")

    /// ASCII for terminals known not to have the glyphs (the Linux console, VT100-likes).
    public static func forTerminal(named term: String?, forceASCII: Bool) -> GlyphSet {
        if forceASCII { return .ascii }
        guard let term else { return .unicode }
        if term == "linux" || term.hasPrefix("vt") || term == "ansi" || term.hasPrefix("cons") { return .ascii }
        return .unicode
    }
}
