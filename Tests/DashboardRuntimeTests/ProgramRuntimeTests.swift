import Dashboard
import DashboardRuntime
import DashboardViews
import TerminalUI
import TestLanes
import Testing

/// A performer that answers every reload with one made-up theme.
struct ScriptedGalleryEffects: EffectPerformer {
    func perform(_ command: ThemeGalleryCommand, deliver: @escaping @Sendable (ThemeGalleryMessage) -> Void) async {
        var theme = Theme.defaultTheme
        theme.name = "Scripted"
        deliver(.themesReloaded(themes: [theme], errors: []))
    }
}

@Suite(.lane(.live)) struct ProgramRuntimeTests {
    typealias Runtime = ProgramRuntime<ThemeGalleryState, ScriptedGalleryEffects>

    func makeRuntime(_ terminal: InMemoryTerminal, directory: String? = nil) -> Runtime {
        let runtime = Runtime(state: ThemeGalleryState(themes: Theme.builtin, themeDirectory: directory),
                              terminal: terminal, performer: ScriptedGalleryEffects(),
                              update: ThemeGallery.update, render: ThemeGalleryView.render, theme: { $0.theme })
        runtime.minimumFrameInterval = .zero
        return runtime
    }

    @Test func rendersOnceAndNotAgainWhileNothingChanges() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        #expect(runtime.step() == nil)
        #expect(runtime.step() == nil)
        #expect(runtime.step() == nil)
        #expect(terminal.frames.count == 1)
        #expect(terminal.lastFrame?.textLines[0].contains("Default (dark)") == true)
    }

    @Test func keyChangesStateAndDrawsOneFrame() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        runtime.step()
        terminal.type(.character("n"))
        runtime.step()
        #expect(terminal.frames.count == 2)
        #expect(terminal.lastFrame?.textLines[0].contains("Light") == true)
        #expect(terminal.themes.last?.name == "Light")
    }

    @Test func ctrlLInvalidatesAndRedraws() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        runtime.step()
        terminal.type(.ctrl("l"))
        runtime.step()
        #expect(terminal.invalidations == 1)
        #expect(terminal.frames.count == 2)
    }

    @Test func resizesAreDebouncedToTheLastSize() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        runtime.resizeDebounce = .milliseconds(50)
        let t0 = ContinuousClock.now
        runtime.step(now: t0)
        terminal.resize(to: Size(width: 100, height: 30))
        runtime.step(now: t0 + .milliseconds(10))
        terminal.resize(to: Size(width: 120, height: 40))
        runtime.step(now: t0 + .milliseconds(20))
        #expect(terminal.frames.count == 1)
        runtime.step(now: t0 + .milliseconds(100))
        #expect(terminal.frames.count == 2)
        #expect(terminal.lastFrame?.size == Size(width: 120, height: 40))
    }

    @Test func frameRateIsCapped() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        runtime.minimumFrameInterval = .milliseconds(100)
        let t0 = ContinuousClock.now
        runtime.step(now: t0)
        terminal.type(.character("n"))
        runtime.step(now: t0 + .milliseconds(10))
        #expect(terminal.frames.count == 1)
        runtime.step(now: t0 + .milliseconds(120))
        #expect(terminal.frames.count == 2)
    }

    @Test func quitEffectEndsTheLoopWithItsStatus() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        terminal.type(.character("q"))
        #expect(runtime.step() == 0)
    }

    @Test func terminationSignalEndsWith128PlusSignal() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal)
        runtime.inbox.requestTermination(signal: 15)
        #expect(runtime.step() == 143)
    }

    @Test func effectResultsComeBackThroughTheInbox() async throws {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        let runtime = makeRuntime(terminal, directory: "/themes")
        runtime.step()
        terminal.type(.character("r"))
        runtime.step()
        for _ in 0..<400 where runtime.state.themes.count == Theme.builtin.count {
            try await Task.sleep(for: .milliseconds(5))
            runtime.step()
        }
        #expect(runtime.state.themes.last?.name == "Scripted")
        #expect(runtime.state.message == "reloaded 1 theme file(s)")
    }

    @Test func aMessageThatLeavesTheRevisionAloneDrawsNoFrameAndKeysAreTimed() {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24))
        // The gallery's revision here: the number of themes (a reload that changes nothing
        // leaves it alone).
        let runtime = Runtime(state: ThemeGalleryState(themes: Theme.builtin, themeDirectory: "/themes"),
                              terminal: terminal, performer: ScriptedGalleryEffects(),
                              update: ThemeGallery.update, render: ThemeGalleryView.render, theme: { $0.theme },
                              revision: { $0.themes.count })
        runtime.minimumFrameInterval = .zero
        runtime.step()
        runtime.inbox.post(.themesReloaded(themes: [], errors: []))
        runtime.step()
        #expect(terminal.frames.count == 1)
        runtime.inbox.post(.themesReloaded(themes: [Theme.defaultTheme], errors: []))
        runtime.step()
        #expect(terminal.frames.count == 2)
        terminal.type(.character("j"))
        runtime.step()
        #expect(terminal.frames.count == 3)
        #expect(runtime.keyToFrame.count == 1)
    }
}
