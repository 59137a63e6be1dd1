import Foundation
import Monitoring
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Why a server's certificate failed verification, found by looking at it: the handshake's
/// error says only CERTIFICATE_VERIFY_FAILED, whether the certificate expired, names another
/// host or comes from an authority not trusted here. A second connection that verifies nothing
/// reads the certificate (nothing is sent over it, and it is closed at once).
enum CertificateDiagnosis {
    /// A rejected certificate with the reason it was rejected (expired, another host's, an
    /// unknown issuer's), when the certificate can be read; any other error as it is.
    static func explained(_ e: FetchError, url: String, connectTimeout: Double) async -> FetchError {
        guard e == .unverifiedCertificate, let why = await problem(url: url, connectTimeout: connectTimeout) else { return e }
        return .tls(why)
    }

    /// The reason in words ("certificate expired on 2020-01-02"), or nil when the certificate
    /// cannot be read.
    static func problem(url: String, connectTimeout: Double) async -> String? {
        guard let u = URLComponents(string: url), let host = u.host, u.scheme?.lowercased() == "https" else { return nil }
        guard let certificate = await peerCertificate(host: host, port: u.port ?? 443, timeout: connectTimeout) else { return nil }
        return judge(certificate, host: host, now: time(nil))
    }

    private static func judge(_ c: NIOSSLCertificate, host: String, now: time_t) -> String {
        if c.notValidAfter < now { return "certificate expired on \(day(c.notValidAfter))" }
        if c.notValidBefore > now { return "certificate not valid until \(day(c.notValidBefore))" }
        let names = Array(c._subjectAlternativeNames()).compactMap(name)
        if !names.isEmpty, !names.contains(where: { matches($0, host) }) {
            return "certificate name mismatch: it is for \(names.prefix(3).joined(separator: ", ")), not \(host) (and not trusted)"
        }
        return "certificate not trusted (self-signed or from an unknown issuer)"
    }

    private static func name(_ san: _SubjectAlternativeName) -> String? {
        switch san.nameType {
        case .dnsName: return String(decoding: Array(san.contents), as: UTF8.self)
        case .ipAddress:
            let bytes = Array(san.contents)
            if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
            if bytes.count == 16 {
                return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
            }
            return nil
        default: return nil
        }
    }

    /// A DNS name or IP as a certificate names it, against the host asked for (one leading
    /// wildcard label).
    private static func matches(_ name: String, _ host: String) -> Bool {
        let n = name.lowercased(), h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if n == h { return true }
        guard n.hasPrefix("*."), let dot = h.firstIndex(of: ".") else { return false }
        return n.dropFirst(1) == h[dot...]
    }

    private static func day(_ t: time_t) -> String {
        let (year, month, day) = CivilDate.fromDays(Int(t) / 86_400 - (Int(t) % 86_400 < 0 ? 1 : 0))
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private static func peerCertificate(host: String, port: Int, timeout: Double) async -> NIOSSLCertificate? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        guard let context = try? NIOSSLContext(configuration: configuration) else { return nil }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let caught = loop.makePromise(of: NIOSSLCertificate?.self)
        let isIP = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.milliseconds(Int64(timeout * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: isIP ? nil : host))
                    try channel.pipeline.syncOperations.addHandler(PeerCertificateCatcher(caught))
                }
            }
        let giveUp = loop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) { caught.succeed(nil) }
        defer { giveUp.cancel() }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            let certificate = try? await caught.futureResult.get()
            try? await channel.close()
            return certificate
        } catch {
            caught.succeed(nil)
            return nil
        }
    }
}

/// Takes the peer's certificate when the handshake completes.
private final class PeerCertificateCatcher: ChannelInboundHandler {
    typealias InboundIn = NIOAny
    private let caught: EventLoopPromise<NIOSSLCertificate?>

    init(_ caught: EventLoopPromise<NIOSSLCertificate?>) { self.caught = caught }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? TLSUserEvent, case .handshakeCompleted = e {
            let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
            caught.succeed(handler?.peerCertificate)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        caught.succeed(nil)
        context.close(promise: nil)
    }
}
