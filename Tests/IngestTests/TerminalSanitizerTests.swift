import TestLanes
import Testing
@testable import Ingest

@Suite(.lane(.compute)) struct TerminalSanitizerTests {
    @Test func plainTextPassesUnchanged() {
        #expect(TerminalSanitizer.sanitize("GET /v1/chat 200 12ms") == "GET /v1/chat 200 12ms")
        #expect(TerminalSanitizer.sanitize("日本語 é 🚀") == "日本語 é 🚀")
    }

    @Test func removesWholeEscapeSequences() {
        #expect(TerminalSanitizer.sanitize("\u{1B}[31mred\u{1B}[0m") == "red")
        #expect(TerminalSanitizer.sanitize("a\u{1B}]52;c;ZXZpbA==\u{07}b") == "ab")  // OSC 52 clipboard write
        #expect(TerminalSanitizer.sanitize("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")  // OSC 8
        #expect(TerminalSanitizer.sanitize("x\u{1B}P1$r\u{1B}\\y") == "xy")  // DCS
        #expect(TerminalSanitizer.sanitize("x\u{1B}_apc\u{1B}\\y\u{1B}^pm\u{1B}\\z\u{1B}Xsos\u{1B}\\") == "xyz")
        #expect(TerminalSanitizer.sanitize("\u{1B}[20t") == "")  // title report
        #expect(TerminalSanitizer.sanitize("a\u{1B}cb") == "ab")  // two-byte ESC c (reset)
    }

    @Test func showsOtherControlsVisibly() {
        #expect(TerminalSanitizer.sanitize("bell\u{07}") == "bell^G")
        #expect(TerminalSanitizer.sanitize("x\u{08}y") == "x^Hy")
        #expect(TerminalSanitizer.sanitize("x\u{7F}") == "x^?")
        #expect(TerminalSanitizer.sanitize("a\u{9B}31mb") == "a<9b>31mb")  // 8-bit CSI
        #expect(TerminalSanitizer.sanitize("a\u{85}b") == "a<85>b")
    }

    @Test func oneEntryStaysOneLine() {
        #expect(TerminalSanitizer.sanitize("line1\nline2\r\nline3") == "line1⏎line2⏎line3")
        #expect(TerminalSanitizer.sanitize("a\rb") == "a^Mb")
        #expect(TerminalSanitizer.sanitize("a\u{2028}b") == "a⏎b")
        #expect(TerminalSanitizer.sanitize("a\tb") == "a    b")
    }

    @Test func removesBidiAndZeroWidthCharacters() {
        #expect(TerminalSanitizer.sanitize("admin\u{202E}txt.exe") == "admintxt.exe")
        #expect(TerminalSanitizer.sanitize("a\u{2066}b\u{2069}c\u{200B}d\u{FEFF}") == "abcd")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        #expect(TerminalSanitizer.sanitize([0x61, 0xFF, 0x62, 0xC3]) == "a\u{FFFD}b\u{FFFD}")
    }
}
