import TestLanes
import Testing
@testable import TerminalUI

@Suite(.lane(.compute)) struct ScreenTests {
    @Test func putClipsToTheScreenAndTheClipRect() {
        var s = Screen(size: Size(width: 6, height: 2))
        #expect(s.put("abcdefgh", x: 2, y: 0) == 4)
        s.put("xyz", x: 0, y: 1, clip: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(s.textLines == ["  abcd", "xy    "])
        s.put("zzz", x: 0, y: 5)
        #expect(s.textLines == ["  abcd", "xy    "])
    }

    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var s = Screen(size: Size(width: 5, height: 1))
        s.put("日本語", x: 0, y: 0)
        #expect(s.textLines == ["日本 "])
        #expect(s[1, 0].isContinuation)
        #expect(!s[4, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var s = Screen(size: Size(width: 4, height: 1))
        s.put("日本", x: 0, y: 0)
        s.put("x", x: 1, y: 0)
        #expect(s.textLines == [" x本"])
        s.put("y", x: 2, y: 0)
        #expect(s.textLines == [" xy "])
    }

    @Test func roleMaskMarksEveryColumn() {
        var s = Screen(size: Size(width: 4, height: 1))
        s.put("日", x: 0, y: 0, role: .critical)
        s.put("!", x: 2, y: 0, role: .warning)
        #expect(s.roleMaskLines == ["CCW."])
    }

    @Test func maskCodesAreUniquePerRole() {
        #expect(Set(Role.allCases.map(\.maskCode)).count == Role.allCases.count)
        #expect(Role.normal.maskCode == ".")
    }

    @Test func rectSplitsNeverGoNegative() {
        let r = Rect(x: 0, y: 0, width: 10, height: 3)
        #expect(r.splitTop(5).rest.height == 0)
        #expect(r.inset(by: 4).width == 2)
        #expect(r.inset(by: 4).height == 0)
        #expect(r.centered(Size(width: 4, height: 1)) == Rect(x: 3, y: 1, width: 4, height: 1))
    }
}
