import Foundation

/// `openssl s_server` with a self-signed certificate made here: TLS that a verifying client
/// must refuse.
public final class UntrustedTLSServer: @unchecked Sendable {
    /// `https://127.0.0.1:PORT`
    public let url: String
    private let process: BackgroundProcess

    /// Under CI=true a missing openssl fails the tests that need it instead of skipping them.
    public static var canRun: Bool { TestEnvironment.shouldRun(needing: TestEnvironment.commandWorks(["openssl", "version"])) }

    /// Makes its key and certificate (for CN and SAN 127.0.0.1, valid a day) in `dir`.
    public init(in dir: URL) throws {
        let key = dir.appendingPathComponent("key.pem").path, cert = dir.appendingPathComponent("cert.pem").path
        let made = try ChildProcess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl req failed: \(made.stderr)"]) }
        let port = BackgroundProcess.freePort()
        process = try BackgroundProcess(["openssl", "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www"],
                                        logPath: dir.appendingPathComponent("tls.log").path)
        url = "https://127.0.0.1:\(port)"
        // Until it listens.
        for _ in 0..<50 where !Self.accepts(port) { Thread.sleep(forTimeInterval: 0.1) }
    }

    public func stop() { process.stop() }

    deinit { stop() }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
