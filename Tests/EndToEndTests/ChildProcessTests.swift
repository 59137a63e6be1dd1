import Foundation
import TestLanes
import TestSupport
import Testing

/// A child a test spawns holds nothing of the test process but its standard streams: a copy of
/// another test's socket in a child kept that socket open (a server's reset never reached its
/// client while the child ran).
@Suite(.lane(.live)) struct ChildProcessTests {
    @Test func aChildInheritsOnlyItsStandardStreams() throws {
        // A socket opened without close-on-exec, as any library might.
        let leaky = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(leaky > 2)
        defer { close(leaky) }
        let r = try ChildProcess.run(["sh", "-c", "ls /proc/$$/fd"])
        let open = Set(r.stdout.split(separator: "\n").compactMap { Int32($0) })
        #expect(!open.contains(leaky), "the child has \(open.sorted())")
        #expect(open.isSuperset(of: [0, 1, 2]), "\(open.sorted())")
    }
}
