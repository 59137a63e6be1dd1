import TestLanes
import Testing
@testable import Dashboard
import TerminalUI

@Suite(.lane(.compute)) struct ThemeGalleryTests {
    func state(directory: String? = nil) -> ThemeGalleryState {
        ThemeGalleryState(themes: Theme.builtin, themeDirectory: directory)
    }

    @Test func cyclesThemesBothWaysAndWraps() {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.character("n")))
        #expect(s.theme.name == "Light")
        _ = ThemeGallery.update(&s, .keyPressed(.left))
        _ = ThemeGallery.update(&s, .keyPressed(.left))
        #expect(s.themeIndex == Theme.builtin.count - 1)
        _ = ThemeGallery.update(&s, .keyPressed(.tab))
        #expect(s.themeIndex == 0)
    }

    @Test func quitsOnQAndEscape() {
        var s = state()
        #expect(ThemeGallery.update(&s, .keyPressed(.character("q"))) == [.quit(status: 0)])
        #expect(ThemeGallery.update(&s, .keyPressed(.escape)) == [.quit(status: 0)])
    }

    @Test func selectionStaysInTheTable() {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.up))
        #expect(s.selectedRow == 0)
        for _ in 0..<50 { _ = ThemeGallery.update(&s, .keyPressed(.character("j"))) }
        #expect(s.selectedRow == ThemeGalleryState.sampleRowCount - 1)
    }

    @Test func dialogCapturesKeysAndCancelIsTheDefault() {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.character("d")))
        // While the dialog is open, q does not quit the gallery: it only closes the dialog.
        #expect(ThemeGallery.update(&s, .keyPressed(.character("n"))).isEmpty)
        #expect(s.overlay == nil)
        #expect(s.message == "dialog: dismissed")
        _ = ThemeGallery.update(&s, .keyPressed(.character("d")))
        _ = ThemeGallery.update(&s, .keyPressed(.enter))
        #expect(s.message == "dialog: chose Cancel")
        #expect(s.themeIndex == 0)
        _ = ThemeGallery.update(&s, .keyPressed(.character("d")))
        _ = ThemeGallery.update(&s, .keyPressed(.tab))
        _ = ThemeGallery.update(&s, .keyPressed(.enter))
        #expect(s.message == "dialog: chose Confirm")
    }

    @Test func textInputTakesEveryKeyIncludingQ() {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.character("i")))
        for c in "gpu>90 q" {
            #expect(ThemeGallery.update(&s, .keyPressed(.character(c))).isEmpty)
        }
        _ = ThemeGallery.update(&s, .keyPressed(.enter))
        #expect(s.message == "input: \"gpu>90 q\"")
    }

    @Test func reloadNeedsADirectoryAndKeepsTheCurrentTheme() {
        var s = state()
        #expect(ThemeGallery.update(&s, .keyPressed(.character("r"))).isEmpty)
        #expect(s.message.contains("no theme directory"))
        s = state(directory: "/tmp/themes")
        #expect(ThemeGallery.update(&s, .keyPressed(.character("r"))) == [.perform(.reloadThemes(directory: "/tmp/themes"))])
        _ = ThemeGallery.update(&s, .keyPressed(.character("n")))
        var custom = Theme.defaultTheme
        custom.name = "Custom"
        _ = ThemeGallery.update(&s, .delivered(.themesReloaded(themes: [custom], errors: ["x.theme:3: role 'ok': bad"])))
        #expect(s.themes.count == Theme.builtin.count + 1)
        #expect(s.theme.name == "Light")
        #expect(s.loadErrors == ["x.theme:3: role 'ok': bad"])
    }

    @Test func asciiToggle() {
        var s = state()
        _ = ThemeGallery.update(&s, .keyPressed(.character("a")))
        #expect(s.glyphs == .ascii)
        _ = ThemeGallery.update(&s, .keyPressed(.character("a")))
        #expect(s.glyphs == .unicode)
    }
}
