import Monitoring
import TerminalUI
import TestLanes
import Testing

/// Fitting text to columns by display width (wide characters count two and are never split):
/// truncation at the end and in the middle, a suffix kept whole, padding, wrapping at spaces.
@Suite(.lane(.compute)) struct TextFittingTests {
    @Test func truncatesWithEllipsis() {
        #expect(TextFitting.truncate("deepseek-r1-distill", toWidth: 8) == "deepsee…")
        #expect(TextFitting.truncate("short", toWidth: 8) == "short")
        #expect(TextFitting.truncate("abcdef", toWidth: 4, ellipsis: "~") == "abc~")
    }

    @Test func neverSplitsAWideCharacter() {
        // 6 columns of CJK into 4: two characters would need 4 + 1 for the ellipsis.
        let t = TextFitting.truncate("日本語", toWidth: 4)
        #expect(t == "日…")
        #expect(DisplayWidth.of(t) == 3)
        #expect(DisplayWidth.of(TextFitting.fit("日本語", width: 4)) == 4)
    }

    @Test func alignsAndPads() {
        #expect(TextFitting.fit("42", width: 5, alignment: .right) == "   42")
        #expect(TextFitting.fit("ab", width: 6, alignment: .center) == "  ab  ")
        #expect(TextFitting.fit("ab", width: 4) == "ab  ")
    }

    @Test func suggestsTheNearestKey() {
        #expect(Suggestion.nearest(to: "critcal", among: ["critical", "warning"]) == "critical")
        #expect(Suggestion.nearest(to: "zzzzzz", among: ["critical", "warning"]) == nil)
    }

    @Test func middleTruncationKeepsTheStartAndTheEnd() {
        #expect(TextFitting.truncateMiddle("deepseek-r1-distill-qwen-32b", toWidth: 10) == "deeps…-32b")
        #expect(TextFitting.truncateMiddle("short", toWidth: 10) == "short")
        #expect(TextFitting.truncateMiddle("日本語のテキスト", toWidth: 7) == "日…スト")
        #expect(DisplayWidth.of(TextFitting.truncateMiddle("日本語のテキスト", toWidth: 7)) <= 7)
    }

    @Test func aKeptSuffixStaysWholeAtEveryWidth() {
        let chute = "deepseek-r1-distill-qwen-32b", instance = "/i-12"
        for width in 6...40 {
            let text = TextFitting.truncate(chute, keeping: instance, toWidth: width)
            #expect(text.hasSuffix(instance), "\(width): \(text)")
            #expect(DisplayWidth.of(text) <= width, "\(width): \(text)")
        }
        #expect(TextFitting.truncate(chute, keeping: instance, toWidth: 14) == "deep…-32b/i-12")
        #expect(TextFitting.truncate(chute, keeping: instance, toWidth: 40) == chute + instance)
        // Narrower than the suffix: both ends of the whole text.
        #expect(TextFitting.truncate(chute, keeping: instance, toWidth: 5) == "de…12")
    }

    @Test func wrappingBreaksAtSpacesAndSplitsOnlyOverlongWords() {
        let text = "unavailable: only the Chutes platform offers it, and this context reads a direct source"
        let lines = TextFitting.wrap(text, width: 30)
        #expect(lines == ["unavailable: only the Chutes", "platform offers it, and this", "context reads a direct source"])
        #expect(lines.joined(separator: " ") == text)
        #expect(TextFitting.wrap("a https://very.long.example/path/that/does/not/fit b", width: 12)
            == ["a", "https://very", ".long.exampl", "e/path/that/", "does/not/fit", "b"])
        #expect(TextFitting.wrap("", width: 10).isEmpty)
        #expect(TextFitting.wrap("日本語 テキスト", width: 6) == ["日本語", "テキス", "ト"])
    }
}
