import ArgumentParser

/// Options every full-screen command shares.
struct TerminalOptions: ParsableArguments {
    @Flag(help: "Draw with ASCII only (no box drawing, block or braille characters).")
    var ascii = false

    @Option(help: ArgumentHelp("Append logs to this file.", valueName: "path"))
    var logFile: String?

    @Flag(help: "Leave the mouse to the terminal (to select text); by default a click selects, a double-click opens, the wheel scrolls.")
    var noMouse = false
}
