import Foundation
import TestSupport
import TestLanes
import Testing
@testable import TerminalUI

@Suite(.lane(.compute)) struct ThemeTests {
    static let themesDirectory = BuildProducts.packageRoot().appendingPathComponent("Themes")

    static var themeFiles: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "theme" }.sorted { $0.path < $1.path }
    }

    @Test func everyFileInThemesLoads() throws {
        #expect(ThemeTests.themeFiles.count >= 4)
        for file in ThemeTests.themeFiles {
            let theme = try ThemeParser.parse(try String(contentsOf: file, encoding: .utf8), origin: file.path)
            #expect(!theme.name.isEmpty)
        }
    }

    @Test func builtinThemesAreTheShippedFiles() throws {
        #expect(Theme.builtin.count == 4)
        for name in ["default", "light", "high-contrast", "mono"] {
            let file = ThemeTests.themesDirectory.appendingPathComponent("\(name).theme")
            let fromFile = try ThemeParser.parse(try String(contentsOf: file, encoding: .utf8), origin: "built-in:\(name).theme")
            #expect(Theme.builtin(named: name) == fromFile)
        }
    }

    @Test func monoThemeHasNoColours() {
        for role in Role.allCases {
            #expect(Theme.mono[role].foreground == .terminalDefault)
            #expect(Theme.mono[role].background == .terminalDefault)
        }
    }

    @Test func badColourNamesFileLineAndRole() {
        let text = "name X\nnormal default default\ncritical #ff00zz default bold\n"
        #expect(throws: ThemeFileError(file: "t.theme", line: 3, role: "critical", message: "invalid foreground colour '#ff00zz'")) {
            try ThemeParser.parse(text, origin: "t.theme")
        }
    }

    @Test func unknownRoleSuggestsTheNearest() throws {
        do {
            _ = try ThemeParser.parse("name X\ncritcal red default\n", origin: "t.theme")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.role == "critcal")
            #expect(error.description == "t.theme:2: role 'critcal': unknown role 'critcal' (did you mean 'critical'?)")
        }
    }

    @Test func missingRoleAndBadAttributeAreErrors() {
        #expect(throws: ThemeFileError.self) { try ThemeParser.parse("name X\nnormal red default\n", origin: "t") }
        #expect(throws: ThemeFileError(file: "t", line: 2, role: "normal",
                                       message: "unknown attribute 'blinky' (use bold, dim, italic, underline, reverse)")) {
            try ThemeParser.parse("name X\nnormal red default blinky\n", origin: "t")
        }
        #expect(throws: ThemeFileError(file: "t", line: 1, role: nil, message: "missing 'name' line")) {
            try ThemeParser.parse("", origin: "t")
        }
    }

    @Test func colourSpellings() {
        #expect(TerminalColor(parsing: "default") == .terminalDefault)
        #expect(TerminalColor(parsing: "red") == .ansi(1))
        #expect(TerminalColor(parsing: "bright-cyan") == .ansi(14))
        #expect(TerminalColor(parsing: "208") == .indexed(208))
        #expect(TerminalColor(parsing: "#FF8000") == .rgb(255, 128, 0))
        #expect(TerminalColor(parsing: "256") == nil)
        #expect(TerminalColor(parsing: "#ff80") == nil)
    }

    @Test func colourDepthFallsBackTruecolorTo256To16To8() {
        let orange = TerminalColor.rgb(255, 135, 0)
        #expect(orange.resolved(for: .truecolor) == orange)
        #expect(orange.resolved(for: .palette256) == .indexed(208))
        #expect(orange.resolved(for: .ansi16) == .ansi(3))
        #expect(orange.resolved(for: .ansi8) == .ansi(3))
        #expect(TerminalColor.rgb(250, 250, 250).resolved(for: .ansi16) == .ansi(15))
        #expect(TerminalColor.ansi(9).resolved(for: .ansi8) == .ansi(1))
        #expect(TerminalColor.indexed(196).resolved(for: .ansi16) == .ansi(9))
        #expect(TerminalColor.rgb(128, 128, 128).resolved(for: .palette256) == .indexed(244))
        #expect(TerminalColor.rgb(1, 2, 3).resolved(for: .mono) == nil)
        #expect(TerminalColor.terminalDefault.resolved(for: .ansi8) == .terminalDefault)
    }

    @Test func depthFromColourCount() {
        #expect(ColorDepth(colorCount: 0) == .mono)
        #expect(ColorDepth(colorCount: 8) == .ansi8)
        #expect(ColorDepth(colorCount: 16) == .ansi16)
        #expect(ColorDepth(colorCount: 256) == .palette256)
        #expect(ColorDepth(colorCount: 0x100_0000) == .truecolor)
    }

    @Test func asciiGlyphsForConsoles() {
        #expect(GlyphSet.forTerminal(named: "linux", forceASCII: false) == .ascii)
        #expect(GlyphSet.forTerminal(named: "xterm-256color", forceASCII: false) == .unicode)
        #expect(GlyphSet.forTerminal(named: "xterm-256color", forceASCII: true) == .ascii)
    }
}
