import Dashboard
import DashboardViews
import TerminalUI
import TestSupport
import TestLanes
import Testing

@Suite(.lane(.compute)) struct ThemeGalleryViewTests {
    func state() -> ThemeGalleryState { ThemeGalleryState(themes: Theme.builtin, colorDepth: .palette256) }

    @Test(arguments: [(80, 24), (160, 48)])
    func gallery(width: Int, height: Int) {
        let screen = ThemeGalleryView.render(state(), size: Size(width: width, height: height))
        #expect(ScreenSnapshot.verify(screen, named: "gallery-\(width)x\(height)") == nil)
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func helpOverlay(width: Int, height: Int) {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.character("?")))
        let screen = ThemeGalleryView.render(s, size: Size(width: width, height: height))
        #expect(ScreenSnapshot.verify(screen, named: "gallery-help-\(width)x\(height)") == nil)
    }

    @Test func dialogWithCancelFocused() {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.character("d")))
        let screen = ThemeGalleryView.render(s, size: Size(width: 80, height: 24))
        #expect(ScreenSnapshot.verify(screen, named: "gallery-dialog-80x24") == nil)
    }

    @Test func asciiGlyphs() {
        var s = state()
        s.glyphs = .ascii
        let screen = ThemeGalleryView.render(s, size: Size(width: 80, height: 24))
        #expect(ScreenSnapshot.verify(screen, named: "gallery-ascii-80x24") == nil)
        // Only the sample data itself (a CJK chute name, "—" for no data) is not ASCII.
        let allowed: Set<Unicode.Scalar> = ["—", "日", "本", "語"]
        #expect(screen.textLines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII || allowed.contains($0) } })
    }

    @Test func everyRoleIsShownInItsOwnRole() {
        let screen = ThemeGalleryView.render(state(), size: Size(width: 160, height: 48))
        for role in Role.allCases {
            let found = (0..<screen.size.height).contains { y in
                screen.textLines[y].contains(role.themeName) && screen.row(y).contains { $0.role == role }
            }
            #expect(found, "role \(role.themeName) is not shown")
        }
    }

    @Test func tinyTerminalSaysSo() {
        let screen = ThemeGalleryView.render(state(), size: Size(width: 15, height: 4))
        #expect(screen.textLines[0].hasPrefix("chutetop: termi"))
    }
}
