import Foundation

/// The loopback TCP ports a process listens on, read from /proc (its socket inodes, matched
/// against /proc/net/tcp's LISTEN entries): how a test finds the port of a server that a
/// program under test started inside itself (the demo's simulator) without the program
/// printing anything while it owns the terminal.
public enum ListeningPorts {
    public static func of(_ pid: Int32) -> [Int] {
        let fdDirectory = "/proc/\(pid)/fd"
        let links = (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []
        let inodes = Set(links.compactMap { fd -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdDirectory + "/" + fd),
                  target.hasPrefix("socket:[") else { return nil }
            return String(target.dropFirst("socket:[".count).dropLast())
        })
        let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        return table.split(separator: "\n").dropFirst().compactMap { line -> Int? in
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count > 9, f[3] == "0A", inodes.contains(String(f[9])),
                  let port = f[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { return nil }
            return port
        }.sorted()
    }
}
