/// A colour as a theme names it. Terminals with fewer colours get the nearest one they have
/// (truecolor -> 256 -> 16 -> 8), and mono terminals get none.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0-7 normal, 8-15 bright).
    case ansi(UInt8)
    /// An index into the xterm 256-colour palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, an ANSI name (`red`, `bright-red`), a palette index (`0`-`255`) or `#rrggbb`.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" { self = .terminalDefault; return }
        if let i = TerminalColor.ansiNames.firstIndex(of: t) { self = .ansi(UInt8(i)); return }
        if t.hasPrefix("bright-"), let i = TerminalColor.ansiNames.firstIndex(of: String(t.dropFirst(7))) {
            self = .ansi(UInt8(i + 8)); return
        }
        if t == "gray" || t == "grey" { self = .ansi(8); return }
        if t.hasPrefix("#"), t.count == 7, t.dropFirst().allSatisfy(\.isHexDigit),
           let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)); return
        }
        if !t.isEmpty, t.count <= 3, t.allSatisfy(\.isNumber), let n = Int(t), n <= 255 {
            self = .indexed(UInt8(n)); return
        }
        return nil
    }

    /// This colour as the given depth can show it; nil means "no colour" (mono).
    public func resolved(for depth: ColorDepth) -> TerminalColor? {
        switch depth {
        case .mono: return nil
        case .truecolor: return self
        case .palette256:
            if case .rgb(let r, let g, let b) = self { return .indexed(ColorMath.nearest256(r, g, b)) }
            return self
        case .ansi16:
            switch self {
            case .terminalDefault, .ansi: return self
            case .indexed(let i) where i < 16: return .ansi(i)
            case .indexed(let i):
                let (r, g, b) = ColorMath.rgb(ofIndex: i)
                return .ansi(ColorMath.nearestANSI(r, g, b, count: 16))
            case .rgb(let r, let g, let b): return .ansi(ColorMath.nearestANSI(r, g, b, count: 16))
            }
        case .ansi8:
            guard let c16 = resolved(for: .ansi16) else { return nil }
            if case .ansi(let i) = c16 {
                if i < 8 { return c16 }
                // Bright black is grey: on 8 colours, white reads better than black-on-black.
                return .ansi(i == 8 ? 7 : i - 8)
            }
            return c16
        }
    }
}

/// How many colours the terminal can show.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    case mono, ansi8, ansi16, palette256, truecolor

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth for a terminal reporting `colors` colours (ncurses' COLORS).
    public init(colorCount colors: Int) {
        switch colors {
        case ..<8: self = .mono
        case 8..<16: self = .ansi8
        case 16..<256: self = .ansi16
        case 256..<0x100_0000: self = .palette256
        default: self = .truecolor
        }
    }
}
