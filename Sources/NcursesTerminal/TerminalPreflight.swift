import CNcursesw
import Glibc

/// The checks that must pass before curses may start. Without them curses "runs" on a pipe or
/// a dumb terminal, spinning and writing escape codes into a file; here the tool exits 2 with
/// one clear line and writes no escape codes at all.
public enum TerminalPreflight {
    /// Why a full-screen UI cannot start in this environment, or nil if it can.
    public static func problem(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?, codeset: String?) -> String? {
        if !stdinIsTerminal || !stdoutIsTerminal {
            return "stdin and stdout must be a terminal (for scripts use the headless commands, e.g. `chutetop parse`)"
        }
        guard let term, !term.isEmpty else { return "TERM is not set; set it to your terminal type (e.g. xterm-256color)" }
        if term == "dumb" { return "TERM=dumb cannot show a full-screen UI" }
        if codeset?.uppercased() != "UTF-8" {
            return "the locale's character set is \(codeset ?? "unknown"), not UTF-8; set LANG=C.UTF-8 (or another UTF-8 locale)"
        }
        return nil
    }

    /// Checks the real process environment. Sets the locale from the environment as a side effect
    /// (curses needs that for wide characters).
    public static func problemInThisProcess() -> String? {
        setlocale(LC_ALL, "")
        let term = getenv("TERM").map { String(cString: $0) }
        let codeset = cn_codeset().map { String(cString: $0) }
        return problem(stdinIsTerminal: isatty(STDIN_FILENO) == 1, stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
                       term: term, codeset: codeset)
    }
}
