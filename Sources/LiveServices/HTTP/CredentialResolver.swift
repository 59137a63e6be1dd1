import Dashboard
import Foundation

/// Turns a credential spec into an Authorization header value. A secret file must not be
/// readable by group or others; errors name the variable or file, never the secret.
public enum CredentialResolver {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func authorization(_ spec: CredentialSpec, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> String {
        let value = try secret(spec.secret, environment: environment)
        switch spec.scheme {
        case .bearer:
            return "Bearer " + value
        case .basic:
            return "Basic " + Data(((spec.username ?? "") + ":" + value).utf8).base64EncodedString()
        }
    }

    /// The secret itself, from its variable or its file (which must be private to its owner).
    public static func secret(_ secret: CredentialSpec.Secret, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> String {
        switch secret {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw Failure(description: "credential variable $\(name) is not set") }
            return value
        case .file(let path):
            return try readSecretFile(path)
        }
    }

    static func readSecretFile(_ path: String) throws(Failure) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Failure(description: "credential file \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(description: "credential file \(path) is not a regular file") }
        if info.st_mode & (S_IRWXG | S_IRWXO) != 0 {
            throw Failure(description: "credential file \(path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "credential file \(path) could not be read as UTF-8 text")
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw Failure(description: "credential file \(path) is empty") }
        return secret
    }
}
