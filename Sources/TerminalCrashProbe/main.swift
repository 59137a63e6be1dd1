// Test-only: draws through NcursesTerminal, then crashes on the key it is sent, so the
// end-to-end tests can prove the crash guard leaves a sane tty ('c' = fatalError, 's' = SIGSEGV).
import Glibc
import NcursesTerminal
import TerminalUI

if let problem = TerminalPreflight.problemInThisProcess() {
    let line = Array("terminal-crash-probe: \(problem)\n".utf8)
    _ = write(STDERR_FILENO, line, line.count)
    exit(2)
}
let terminal = try NcursesTerminal(options: .init(noColor: false), stderrTarget: nil)
var screen = Screen(size: terminal.size)
screen.put("crash probe ready: c = fatalError, s = segfault", x: 0, y: 0, role: .critical)
terminal.present(screen, theme: .defaultTheme)
while true {
    var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
    _ = poll(&fds, 1, -1)
    for input in terminal.readAvailableInput() {
        switch input {
        case .key(.character("c")): fatalError("deliberate crash for the crash-guard test")
        case .key(.character("s")): UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        default: break
        }
    }
}
