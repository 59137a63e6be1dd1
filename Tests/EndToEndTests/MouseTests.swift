import Foundation
import TestSupport
import TestLanes
import Testing

/// The mouse in `chutetop demo` on a real pty: tmux injects mouse events only from an attached
/// client, so the test writes the xterm (X10-encoded) reports a terminal would send straight to
/// the pane, and ncurses decodes them as it would a real terminal's (TERM=tmux-256color:
/// kmous=\E[M). A click selects a row, a double-click opens it, a click on a crumb of the
/// title goes back, a click on a key hint does what its key does, and the wheel moves the
/// selection and scrolls the log. `--no-mouse` leaves the reports to the terminal.
@Suite(.lane(.live), .serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct MouseTests {
    /// The bytes an xterm sends for a button event at a cell (0-based), X10 encoding: ESC [ M,
    /// then 32 + button, 32 + column + 1, 32 + row + 1.
    static func report(_ button: Int, x: Int, y: Int) -> [String] {
        [0x1B, 0x5B, 0x4D, 32 + button, 33 + x, 33 + y].map { String(format: "%02x", $0) }
    }

    static func click(_ tmux: TmuxSession, x: Int, y: Int, times: Int = 1) throws {
        // Press (button 0) and release (3), once or twice: ncurses pairs them into a click or a
        // double-click within its mouse interval.
        let bytes = (0..<times).flatMap { _ in report(0, x: x, y: y) + report(3, x: x, y: y) }
        try tmux.send(["-H"] + bytes)
    }

    static func wheel(_ tmux: TmuxSession, down: Bool, x: Int, y: Int) throws {
        try tmux.send(["-H"] + report(down ? 65 : 64, x: x, y: y))
    }

    /// Where `text` is on the pane (first occurrence): column and row.
    static func position(of text: String, in screen: String, below row: Int = 0) -> (x: Int, y: Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where y >= row {
            if let r = line.range(of: text) { return (line[..<r.lowerBound].count, y) }
        }
        return nil
    }

    /// The overview's chute names, top to bottom.
    static func order(_ screen: String) -> [String] {
        DashboardFlowTests.rows(screen).map(\.name)
    }

    /// The chute whose overview row is drawn selected: the one row that starts with a
    /// background colour (the selection role), read from the pane's escapes.
    static func selected(_ tmux: TmuxSession) throws -> String? {
        for line in try tmux.capture(escapes: true).split(separator: "\n") {
            guard let name = DashboardFlowTests.chuteNames.first(where: { line.contains(" \($0) ") }) else { continue }
            let start = line.drop { $0 == "│" || $0 == "|" }
            var escapes = "", rest = Substring(start)
            while rest.hasPrefix("\u{1B}["), let end = rest.firstIndex(of: "m") {
                escapes += rest[..<end]
                rest = rest[rest.index(after: end)...]
            }
            if escapes.contains("[48;") { return name }
        }
        return nil
    }

    static func title(_ screen: String) -> String {
        String(screen.split(separator: "\n", omittingEmptySubsequences: false)[1])
    }

    /// The demo once every chute is listed: the pane and the chutes in their order.
    static func listed(_ tmux: TmuxSession) async throws -> (screen: String, order: [String]) {
        let screen = try await tmux.waitFor("every chute listed", timeout: .seconds(40)) { Self.order($0).count == 10 }
        return (screen, Self.order(screen))
    }

    /// Clicks the overview row of `order[row]` and waits until it is drawn selected.
    static func select(row: Int, _ listed: (screen: String, order: [String]), _ tmux: TmuxSession) async throws {
        let at = try #require(Self.position(of: " \(listed.order[row]) ", in: listed.screen, below: 3))
        try Self.click(tmux, x: at.x + 1, y: at.y)
        try await tmux.waitFor("row \(row) selected") { _ in (try? Self.selected(tmux)) == listed.order[row] }
    }

    @Test func clickSelectsDoubleClickOpensTheCrumbGoesBack() async throws {
        let tmux = try DashboardFlowTests.demo()
        let overview = try await Self.listed(tmux)
        let order = overview.order
        // A click on the fourth row selects it: enter then opens that chute.
        try await Self.select(row: 3, overview, tmux)
        try tmux.send("Enter")
        try await tmux.waitFor("the clicked chute open") { Self.title($0).contains("Fleet ▶ \(order[3])") }
        // A click on the crumb "Fleet" goes back to the overview.
        let fleet = try #require(Self.position(of: "Fleet", in: try tmux.capture()))
        try Self.click(tmux, x: fleet.x + 2, y: fleet.y)
        try await tmux.waitFor("the overview again") { Self.title($0).hasPrefix(" Fleet ") && !Self.title($0).contains("▶") }
        // A double-click on the sixth row opens it at once.
        let now = try tmux.capture()
        let sixthName = Self.order(now)[5]
        let sixth = try #require(Self.position(of: " \(sixthName) ", in: now, below: 3))
        try Self.click(tmux, x: sixth.x + 1, y: sixth.y, times: 2)
        try await tmux.waitFor("the double-clicked chute open") { Self.title($0).contains("Fleet ▶ \(sixthName)") }
        try await tmux.waitFor(text: "Instances")
        // In the chute view a double-click on an instance opens it.
        let chute = try tmux.capture()
        let panel = try #require(Self.position(of: "Instances", in: chute))
        let instance = try #require(Self.position(of: "i-1 ", in: chute, below: panel.y + 1))
        try Self.click(tmux, x: instance.x, y: instance.y, times: 2)
        try await tmux.waitFor("the instance open") { Self.title($0).contains("Fleet ▶ \(sixthName) ▶ i-1") }
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    @Test func theWheelMovesTheSelectionAndScrollsTheLog() async throws {
        let tmux = try DashboardFlowTests.demo()
        let overview = try await Self.listed(tmux)
        let (screen, order) = overview
        // The first row is drawn selected before anything is chosen: click the second.
        try await Self.select(row: 1, overview, tmux)
        let middle = try #require(Self.position(of: " \(order[4]) ", in: screen, below: 3))
        // Down, down, up, down from the second row: three rows a step (1, 4, 7, 4, 7).
        try Self.wheel(tmux, down: true, x: middle.x, y: middle.y)
        try Self.wheel(tmux, down: true, x: middle.x, y: middle.y)
        try Self.wheel(tmux, down: false, x: middle.x, y: middle.y)
        try Self.wheel(tmux, down: true, x: middle.x, y: middle.y)
        try await tmux.waitFor("the selection six rows down") { _ in (try? Self.selected(tmux)) == order[7] }
        try tmux.send("Enter")
        try await tmux.waitFor("the chute six rows down open") { Self.title($0).contains("Fleet ▶ \(order[7])") }
        // The log follows the newest line until the wheel scrolls it back.
        try tmux.send("l")
        try await tmux.waitFor(text: "following")
        try await tmux.waitFor("log lines") { $0.contains("INFO") || $0.contains("WARN") }
        let log = try tmux.capture()
        let body = try #require(Self.position(of: "Log", in: log))
        try Self.wheel(tmux, down: false, x: body.x + 10, y: body.y + 5)
        try await tmux.waitFor(text: "paused")
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    @Test func aClickOnAKeyHintDoesWhatItsKeyDoes() async throws {
        let tmux = try DashboardFlowTests.demo()
        _ = try await Self.listed(tmux)
        let screen = try tmux.capture()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let footer = lines.count - (lines.last?.isEmpty == true ? 2 : 1)
        let hint = try #require(Self.position(of: "alerts", in: screen, below: footer), "no alerts hint in: \(lines[footer])")
        try Self.click(tmux, x: hint.x, y: hint.y)
        try await tmux.waitFor("the alerts view") { Self.title($0).contains("Fleet ▶ Alerts") }
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }

    /// The dashboard asks the terminal for mouse reports (xterm mode 1000, as tmux sees it)
    /// unless --no-mouse or `mouse: false` in the config; quitting turns them off again.
    @Test func mouseReportsAreAskedForUnlessTurnedOff() async throws {
        let on = try DashboardFlowTests.demo()
        _ = try await Self.listed(on)
        #expect(try on.paneFormat("#{mouse_standard_flag}") == "1")
        try on.send("q")
        try await TerminalLifecycleTests.expectCleanExit(on, status: 0)
        #expect(try on.paneFormat("#{mouse_standard_flag}") == "0")

        let flag = try DashboardFlowTests.demo("--no-mouse")
        _ = try await Self.listed(flag)
        #expect(try flag.paneFormat("#{mouse_standard_flag}") == "0")
        try flag.send("q")
        try await TerminalLifecycleTests.expectCleanExit(flag, status: 0)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-mouse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("c.yaml").path
        try "mouse: false\ncontexts:\n  - name: quiet\n    source: {kind: simulator}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let command = try TerminalLifecycleTests.chutetop("--config \(config)")
        let keyed = try TmuxSession(width: 160, height: 48, shellCommand: TerminalLifecycleTests.wrapped(command))
        _ = try await Self.listed(keyed)
        #expect(try keyed.paneFormat("#{mouse_standard_flag}") == "0")
        try keyed.send("q")
        try await TerminalLifecycleTests.expectCleanExit(keyed, status: 0)
    }
}
