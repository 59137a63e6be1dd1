import TestLanes
import Testing
@testable import TerminalUI

@Suite(.lane(.compute)) struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("日本語", 6), ("e\u{301}", 1), ("🚀", 2), ("🇩🇪", 2), ("👩‍👩‍👧", 2), ("❤️", 2),
        ("a\u{200B}b", 2), ("한국어", 6), ("Ａ", 2), ("⣿▁█", 3), ("ｶ", 1), ("", 0),
    ])
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of(Character("a\u{0301}\u{0302}\u{0303}")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
    }

    @Test func controlsHaveNoWidth() {
        #expect(DisplayWidth.of("\u{1B}") == 0)
        #expect(DisplayWidth.of("\u{9B}") == 0)
    }
}

@Suite(.lane(.compute)) struct NumberTextTests {
    @Test func compact() {
        #expect(NumberText.compact(0) == "0")
        #expect(NumberText.compact(12.345) == "12.3")
        #expect(NumberText.compact(1830) == "1.83k")
        #expect(NumberText.compact(412.5) == "413")
        #expect(NumberText.compact(2_500_000) == "2.5M")
        #expect(NumberText.compact(.nan) == "—")
        #expect(NumberText.compact(-0.5) == "-0.5")
    }

    @Test func hugeValuesDoNotTrap() {
        #expect(NumberText.compact(1e300) == "1e+300")
        #expect(NumberText.compact(9.223372036854775794e18) == "9.223372036854776e+18")
        #expect(NumberText.fixed(-1e20, decimals: 2) == "-1e+20")
        #expect(NumberText.percent(1e300) == "1e+302%")
    }

    @Test func fixedAndPercent() {
        #expect(NumberText.fixed(3.14159, decimals: 1) == "3.1")
        #expect(NumberText.fixed(0.05, decimals: 2) == "0.05")
        #expect(NumberText.fixed(-2.5, decimals: 0) == "-3")
        #expect(NumberText.percent(0.1234) == "12.3%")
        #expect(NumberText.percent(.nan) == "—")
    }
}
