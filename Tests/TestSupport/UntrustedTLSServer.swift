import Foundation

/// `openssl s_server` with a self-signed certificate made here: TLS that a verifying client
/// must refuse.
public final class UntrustedTLSServer: @unchecked Sendable {
    /// `https://127.0.0.1:PORT`
    public let url: String
    private let process: BackgroundProcess

    /// Under CI=true a missing openssl fails the tests that need it instead of skipping them.
    public static var canRun: Bool { TestEnvironment.shouldRun(needing: TestEnvironment.commandWorks(["openssl", "version"])) }

    /// What is wrong with the certificate, besides being self-signed.
    public enum Certificate: Sendable {
        /// Valid a day, for 127.0.0.1 (only its issuer is unknown).
        case selfSigned
        /// Valid, but for another name.
        case forName(String)
        /// For 127.0.0.1, expired on 2020-01-02.
        case expired
    }

    /// Makes its key and certificate in `dir`.
    public init(in dir: URL, certificate: Certificate = .selfSigned) throws {
        let key = dir.appendingPathComponent("key.pem").path, cert = dir.appendingPathComponent("cert.pem").path
        let openssl = { (args: [String]) throws in
            let made = try ChildProcess.run(["openssl"] + args)
            guard made.status == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl \(args[0]) failed: \(made.stderr)"])
            }
        }
        switch certificate {
        case .selfSigned, .forName:
            let name: String
            if case .forName(let n) = certificate { name = "DNS:" + n } else { name = "IP:127.0.0.1" }
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                         "-subj", "/CN=chutetop-test", "-addext", "subjectAltName=\(name)"])
        case .expired:
            // `openssl ca` is the one way openssl 3.0 sets past dates.
            let p = { (name: String) in dir.appendingPathComponent(name).path }
            try "".write(toFile: p("index.txt"), atomically: true, encoding: .utf8)
            try "01\n".write(toFile: p("serial"), atomically: true, encoding: .utf8)
            try """
                [ca]
                default_ca = local
                [local]
                database = \(p("index.txt"))
                new_certs_dir = \(dir.path)
                serial = \(p("serial"))
                default_md = sha256
                policy = any
                copy_extensions = copy
                [any]
                commonName = supplied
                """.write(toFile: p("ca.cnf"), atomically: true, encoding: .utf8)
            try openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", p("req.csr"),
                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
            try openssl(["ca", "-batch", "-config", p("ca.cnf"), "-selfsign", "-keyfile", key, "-in", p("req.csr"), "-out", cert,
                         "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext"])
        }
        let port = BackgroundProcess.freePort()
        process = try BackgroundProcess(["openssl", "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www"],
                                        logPath: dir.appendingPathComponent("tls.log").path)
        url = "https://127.0.0.1:\(port)"
        // Until it listens.
        for _ in 0..<50 where !LoopbackSocket.accepts(port: port) { Thread.sleep(forTimeInterval: 0.1) }
    }

    public func stop() { process.stop() }

    deinit { stop() }

}
