import Foundation
import TerminalUI

/// Snapshot files for screens: the text rows, a separator, then the role mask rows. Stored as
/// `__Snapshots__/<name>.txt` beside the test file and reviewed in diffs. Set
/// `CHUTETOP_RECORD_SNAPSHOTS=1` to (re-)record; a missing snapshot is recorded and reported as a
/// failure, so a new test can never pass silently.
public enum ScreenSnapshot {
    public static func render(_ screen: Screen) -> String {
        screen.textLines.joined(separator: "\n") + "\n--- roles (see Role.maskCode) ---\n"
            + screen.roleMaskLines.joined(separator: "\n") + "\n"
    }

    /// Nil when the screen matches the stored snapshot; otherwise a message saying what differs.
    public static func verify(_ screen: Screen, named name: String, testFile: String = #filePath) -> String? {
        let directory = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let file = directory.appendingPathComponent("\(name).txt")
        let actual = render(screen)
        let record = ProcessInfo.processInfo.environment["CHUTETOP_RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return record ? nil : "snapshot \(name) did not exist; recorded it at \(file.path): review and rerun"
        }
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        return """
            snapshot \(name) differs at line \(firstDifference + 1) (CHUTETOP_RECORD_SNAPSHOTS=1 re-records):
            expected: \(firstDifference < e.count ? String(e[firstDifference]) : "<end>")
            actual:   \(firstDifference < a.count ? String(a[firstDifference]) : "<end>")
            """
    }
}
