/// A command that cannot run for a reason outside its command line (its configuration, a
/// credential, the source, the log or audit file): `main` prints the one line and exits 3.
struct CannotRun: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
