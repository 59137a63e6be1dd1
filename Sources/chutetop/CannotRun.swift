/// A command that cannot run for a reason outside its command line (its configuration, a
/// credential, the source, the log or audit file): `main` prints the one line and exits 3
/// (2 for a file named on the command line that is unusable: a recording to replay or create).
struct CannotRun: Error, CustomStringConvertible {
    var message: String
    var status: Int32 = 3
    init(_ message: String) { self.message = message }
    var description: String { message }

    /// A file named on the command line that cannot be used: exit 2.
    static func badFile(_ message: String) -> CannotRun {
        var cannot = CannotRun(message)
        cannot.status = 2
        return cannot
    }
}
