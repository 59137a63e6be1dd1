import Foundation

/// A probe's URL split once for the scrape path: scheme, host, port and the request target
/// (path and query). Only `http` and `https`; user info in the authority is ignored, as
/// AsyncHTTPClient ignores it (credentials go in the Authorization header).
struct ScrapeURL: Hashable, Sendable {
    let string: String
    let secure: Bool
    let host: String
    let port: Int
    /// The path and query, "/" when the URL has none.
    let requestTarget: String

    init?(_ string: String) {
        let secure: Bool
        let rest: Substring
        if string.count > 7, string.prefix(7).lowercased() == "http://" {
            secure = false
            rest = string.dropFirst(7)
        } else if string.count > 8, string.prefix(8).lowercased() == "https://" {
            secure = true
            rest = string.dropFirst(8)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var target = String(rest[authorityEnd...].prefix { $0 != "#" })
        if target.isEmpty || target.first == "?" { target = "/" + target }
        let host: Substring, portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.first == ":" else { return nil }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
            portText = nil
        }
        guard !host.isEmpty else { return nil }
        let port: Int
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else { return nil }
            port = p
        } else {
            port = secure ? 443 : 80
        }
        self.string = string
        self.secure = secure
        self.host = String(host)
        self.port = port
        self.requestTarget = target
    }

    /// Scheme, host and port: what a connection is to, and what a redirect may not leave with
    /// the credential.
    var origin: String { (secure ? "https://" : "http://") + bracketedHost + ":\(port)" }

    /// The Host header: the port only when it is not the scheme's.
    var hostHeader: String { port == (secure ? 443 : 80) ? bracketedHost : bracketedHost + ":\(port)" }

    /// An IP address, for which TLS sends no server name (the certificate is checked against
    /// the address).
    var hostIsIPAddress: Bool { host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." } }

    private var bracketedHost: String { host.contains(":") ? "[" + host + "]" : host }

    /// Where a `Location` header points from here (relative references resolved), when it is
    /// an http or https URL.
    func resolving(_ location: String) -> ScrapeURL? {
        guard let base = URL(string: string), let url = URL(string: location, relativeTo: base) else { return nil }
        return ScrapeURL(url.absoluteString)
    }
}
