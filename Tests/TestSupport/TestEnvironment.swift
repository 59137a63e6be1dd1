import Foundation

/// Where tests run. Under `CI=true` a missing tool or corpus fails the tests that need it;
/// elsewhere those tests are skipped.
public enum TestEnvironment {
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether a test that needs something should run: it is here, or this is CI.
    public static func shouldRun(needing available: Bool) -> Bool { available || isCI }

    /// Whether `argv` (looked up on PATH) runs and exits 0, e.g. `["promtool", "--version"]`.
    public static func commandWorks(_ argv: [String]) -> Bool { (try? ChildProcess.run(argv).status) == 0 }
}
