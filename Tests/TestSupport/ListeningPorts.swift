import Foundation

/// The loopback TCP ports a process listens on, read from /proc (its socket inodes, matched
/// against /proc/net/tcp's LISTEN entries): how a test finds the port of a server that a
/// program under test started inside itself (the demo's simulator) without the program
/// printing anything while it owns the terminal.
public enum ListeningPorts {
    /// Of `pid` and its descendants (a shell may stand between the test and the program).
    public static func of(_ pid: Int32) -> [Int] {
        let inodes = Set(family(pid).flatMap(socketInodes))
        let tables = ["/proc/net/tcp", "/proc/net/tcp6"].map(procFile)
        return tables.flatMap { $0.split(separator: "\n").dropFirst() }.compactMap { line -> Int? in
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count > 9, f[3] == "0A", inodes.contains(String(f[9])),
                  let port = f[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { return nil }
            return port
        }.sorted()
    }

    /// Waits (up to `timeout`) until `pid` or a descendant listens; the ports then.
    public static func waitingFor(_ pid: Int32, timeout: Duration = .seconds(10)) async throws -> [Int] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let ports = of(pid)
            if !ports.isEmpty { return ports }
            try await Task.sleep(for: .milliseconds(100))
        }
        return []
    }

    private static func family(_ pid: Int32) -> [Int32] {
        let children = procFile("/proc/\(pid)/task/\(pid)/children")
            .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return [pid] + children.flatMap(family)
    }

    /// A /proc file read to its end: they report a size of 0, and a read by size gets only
    /// the first page (a busy machine's socket table is far longer).
    private static func procFile(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func socketInodes(_ pid: Int32) -> [String] {
        let fdDirectory = "/proc/\(pid)/fd"
        let links = (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []
        return links.compactMap { fd -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdDirectory + "/" + fd),
                  target.hasPrefix("socket:[") else { return nil }
            return String(target.dropFirst("socket:[".count).dropLast())
        }
    }
}
