/// Takes secrets out of text before it is shown or audited: the exact values an action was
/// given (its `{{env.…}}` values, its Authorization headers), the value after `Bearer`,
/// `Basic`, `token=`, `password:` and their kin, and tokens that look like keys (a prefix such
/// as `cpk_`, `sk-`, `ghp_`, or a long run mixing upper case, lower case and digits that is
/// not a UUID). Each becomes `<redacted>`.
public struct SecretRedactor: Sendable, Hashable {
    public static let mark = "<redacted>"
    /// Longest first, so a secret containing another is replaced whole.
    private let values: [String]

    /// `values`: exact secrets (shorter than 4 characters are ignored: they would redact
    /// ordinary words).
    public init(values: some Sequence<String> = []) {
        self.values = Set(values.filter { $0.count >= 4 }).sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var out = text
        for v in values where out.contains(v) { out = out.replacing(v, with: Self.mark) }
        return Self.redactPatterns(out)
    }

    /// Schemes whose next word is a secret (`Bearer x`).
    static let schemes: Set<String> = ["bearer", "basic"]
    /// Names whose value, after `=` or `:`, is a secret (`token=x`, `"password": "x"`).
    static let secretNames: Set<String> = ["token", "api_key", "apikey", "api-key", "password", "passwd", "secret", "access_token",
                                           "refresh_token", "client_secret", "x-api-key", "authorization", "auth"]
    /// Prefixes of well-known key formats.
    static let keyPrefixes = ["cpk_", "sk-", "sk_", "ghp_", "gho_", "github_pat_", "xoxb-", "xoxp-", "glpat-", "AKIA", "eyJ"]

    /// Redacts by shape only (no known values).
    public static func redactPatterns(_ text: String) -> String {
        var out = ""
        // After a scheme word, or a secret's name and then `=` or `:`, the next token is secret.
        var afterScheme = false, afterName = false, assigned = false
        var token = ""
        func flush() {
            guard !token.isEmpty else { return }
            let word = token.lowercased()
            if schemes.contains(word) {
                (afterScheme, afterName) = (true, false)
                out += token
            } else if afterScheme || (afterName && assigned) || looksLikeKey(token) {
                out += mark
                (afterScheme, afterName) = (false, false)
            } else {
                (afterScheme, afterName) = (false, secretNames.contains(word))
                out += token
            }
            assigned = false
            token = ""
        }
        for c in text {
            if c.isASCII && (c.isLetter || c.isNumber || "_-.+~".contains(c)) {
                token.append(c)
                continue
            }
            flush()
            switch c {
            case "=", ":": assigned = true
            case " ", "\"", "'": break
            default: (afterScheme, afterName) = (false, false)
            }
            out.append(c)
        }
        flush()
        return out
    }

    static func looksLikeKey(_ token: String) -> Bool {
        if keyPrefixes.contains(where: { token.hasPrefix($0) && token.count >= $0.count + 12 }) { return true }
        // A UUID, or one with a prefix (`GPU-…`), names something; it is not a secret.
        guard token.count >= 32, !isUUID(String(token.suffix(36))) else { return false }
        var upper = false, lower = false, digit = false
        for c in token {
            if c.isUppercase { upper = true } else if c.isLowercase { lower = true } else if c.isNumber { digit = true }
        }
        return upper && lower && digit
    }

    private static func isUUID(_ token: String) -> Bool {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
