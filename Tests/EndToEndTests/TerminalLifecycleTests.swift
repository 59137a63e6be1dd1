import Foundation
import TestSupport
import TestLanes
import Testing

/// The real `chutetop` binary on a real pty (tmux): rendering, resize, every exit path leaving
/// a sane tty, the crash guard, NO_COLOR, and refusing to start without a terminal.
/// Under CI=true a missing tmux fails these tests instead of skipping them.
@Suite(.lane(.live), .serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct TerminalLifecycleTests {
    /// Runs `program`, then prints its exit status and the tty's icanon/echo flags in the pane.
    static func wrapped(_ program: String) -> String {
        "\(program) 2>>/tmp/chutetop-e2e-stderr.log; echo \"EXIT=$?\"; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; echo DONE; exec sleep 600"
    }

    static func chutetop(_ args: String) throws -> String {
        "\(try BuildProducts.executable("chutetop")) \(args) --log-file /tmp/chutetop-e2e.log"
    }

    /// Waits for the wrapper's report and checks the status and a restored tty.
    static func expectCleanExit(_ tmux: TmuxSession, status: Int) async throws {
        let screen = try await tmux.waitFor(text: "DONE")
        #expect(screen.contains("EXIT=\(status)"), "\(screen)")
        #expect(screen.contains("icanon echo"), "tty not restored:\n\(screen)")
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func galleryRenders(width: Int, height: Int) async throws {
        let tmux = try TmuxSession(width: width, height: height, shellCommand: Self.wrapped(try Self.chutetop("themes")))
        let screen = try await tmux.waitFor(text: "q quit")
        #expect(screen.contains("Default (dark)  1/4"))
        #expect(screen.contains("Fleet (sample data)"))
        #expect(screen.contains("dialog_button_focused"))
        #expect(screen.contains("⣀"))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= height)
        #expect(lines[1].hasSuffix("╮"))
        try tmux.send("n")
        try await tmux.waitFor(text: "Light  2/4")
        try tmux.send("q")
        try await Self.expectCleanExit(tmux, status: 0)
    }

    @Test func resizeRedrawsAtTheNewSize() async throws {
        let tmux = try TmuxSession(width: 80, height: 24, shellCommand: Self.wrapped(try Self.chutetop("themes")))
        try await tmux.waitFor(text: "q quit")
        try tmux.resize(width: 132, height: 40)
        let screen = try await tmux.waitFor("a 132-column frame") { screen in
            let lines = screen.split(separator: "\n")
            return lines.count > 1 && lines[1].count == 132 && lines[1].hasSuffix("╮") && screen.contains("built-in:default.theme")
        }
        #expect(screen.contains("Req/s"))
        try tmux.resize(width: 90, height: 30)
        try await tmux.waitFor("a 90-column frame") { $0.split(separator: "\n").dropFirst().first?.count == 90 }
        try tmux.send("C-l")
        try await tmux.waitFor(text: "q quit")
        try tmux.send("q")
        try await Self.expectCleanExit(tmux, status: 0)
        // Nothing of the screen is left on the shell's after a resize (tmux brought some of
        // its lines back there when it was left without being blanked first).
        let after = try tmux.capture()
        #expect(!after.contains("╮") && !after.contains("│") && !after.contains("q quit"), "\(after)")
    }

    @Test(arguments: [("TERM", 143), ("INT", 130), ("HUP", 129)])
    func signalsEndCleanly(signal: String, status: Int) async throws {
        let tmux = try TmuxSession(width: 80, height: 24, shellCommand: Self.wrapped(try Self.chutetop("themes")))
        try await tmux.waitFor(text: "q quit")
        let pid = try await tmux.programPID()
        try TmuxSession.run(["kill", "-\(signal)", "\(pid)"])
        try await Self.expectCleanExit(tmux, status: status)
    }

    @Test(arguments: [("c", 132), ("s", 139)])
    func crashGuardLeavesASaneTTY(key: String, status: Int) async throws {
        let probe = try BuildProducts.executable("TerminalCrashProbe")
        let tmux = try TmuxSession(width: 80, height: 24, shellCommand: Self.wrapped(probe),
                                   environment: ["SWIFT_BACKTRACE": "interactive=no"])
        try await tmux.waitFor(text: "crash probe ready")
        try tmux.send(key)
        try await Self.expectCleanExit(tmux, status: status)
    }

    @Test func noColorEmitsNoColour() async throws {
        let tmux = try TmuxSession(width: 100, height: 30, shellCommand: Self.wrapped(try Self.chutetop("themes")),
                                   environment: ["NO_COLOR": "1"])
        let screen = try await tmux.waitFor(text: "q quit")
        #expect(screen.contains("Mono  1/1"))
        #expect(screen.contains("NO_COLOR: mono"))
        let escaped = try tmux.capture(escapes: true)
        #expect(escaped.contains("\u{1B}["), "capture-pane -e shows attributes at least")
        #expect(SGRColours.find(in: escaped).isEmpty, "colour codes found: \(SGRColours.find(in: escaped).prefix(5))")
        try tmux.send("q")
        try await Self.expectCleanExit(tmux, status: 0)
    }

    @Test func coloursAreUsedWithoutNoColor() async throws {
        let tmux = try TmuxSession(width: 100, height: 30, shellCommand: Self.wrapped(try Self.chutetop("themes")))
        try await tmux.waitFor(text: "q quit")
        #expect(!SGRColours.find(in: try tmux.capture(escapes: true)).isEmpty)
        try tmux.send("q")
        try await Self.expectCleanExit(tmux, status: 0)
    }
}

/// Refusing to start without a terminal needs no tmux.
@Suite(.lane(.live)) struct NoTerminalTests {
    func run(_ args: [String], environment: [String: String]) throws -> ChildProcess.Result {
        try ChildProcess.run([try BuildProducts.executable("chutetop")] + args, environment: environment)
    }

    @Test func noTTYExits2WithOneClearLineAndNoEscapeCodes() throws {
        let r = try run(["themes", "--log-file", "/tmp/chutetop-e2e.log"], environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "chutetop: stdin and stdout must be a terminal (for scripts use the headless commands, e.g. `chutetop parse`)\n")
        #expect(!r.stderr.contains("\u{1B}"))
    }

    @Test func versionAndHelpWorkWithoutATerminal() throws {
        let v = try run(["--version"], environment: [:])
        #expect(v.status == 0)
        #expect(v.stdout.hasPrefix("0.1.0 (commit "), "\(v.stdout)")  // the commit: CompletionsAndVersionTests
        let h = try run(["--help"], environment: [:])
        #expect(h.status == 0)
        #expect(h.stdout.contains("themes"))
    }

    @Test func unknownThemeIsAUsageError() throws {
        let r = try run(["themes", "--theme", "nope"], environment: ["TERM": "xterm"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown theme 'nope'"))
    }
}

/// Finds SGR colour parameters (30-37, 39?, 40-47, 90-97, 100-107, 38;5;n, 48;2;r;g;b …) in text.
enum SGRColours {
    static func find(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
            if rest[end] == "m" {
                let params = rest[..<end].split(separator: ";", omittingEmptySubsequences: false).compactMap { Int($0) }
                if params.contains(where: { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }) {
                    found.append(String(rest[..<end]))
                }
            }
            rest = rest[end...]
        }
        return found
    }
}
