import Dashboard
import Foundation
import Testing
@testable import LiveServices

/// Credentials from a variable or a file; an unsafe file is refused; a secret never appears in
/// an error.
@Suite struct CredentialResolverTests {
    func file(_ text: String, mode: mode_t) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-secret-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    func failure(_ spec: CredentialSpec, _ env: [String: String] = [:]) -> String? {
        do { _ = try CredentialResolver.authorization(spec, environment: env); return nil } catch { return error.description }
    }

    @Test func bearerFromAVariableAndBasicFromAFile() throws {
        #expect(try CredentialResolver.authorization(CredentialSpec(scheme: .bearer, secret: .environment("T")), environment: ["T": "abc"]) == "Bearer abc")
        let path = try file("s3cret\n", mode: 0o600)
        defer { unlink(path) }
        let basic = try CredentialResolver.authorization(CredentialSpec(scheme: .basic, username: "ops", secret: .file(path)), environment: [:])
        #expect(basic == "Basic " + Data("ops:s3cret".utf8).base64EncodedString())
    }

    @Test func aFileReadableByOthersIsRefusedWithoutShowingTheSecret() throws {
        for mode: mode_t in [0o644, 0o640, 0o604] {
            let path = try file("hunter2", mode: mode)
            defer { unlink(path) }
            let message = try #require(failure(CredentialSpec(scheme: .bearer, secret: .file(path))))
            #expect(message.contains("readable by group or others"))
            #expect(message.contains("chmod 600 \(path)"))
            #expect(!message.contains("hunter2"))
        }
    }

    @Test func missingVariablesAndFilesAreNamed() {
        #expect(failure(CredentialSpec(scheme: .bearer, secret: .environment("CHUTES_TOKEN"))) == "credential variable $CHUTES_TOKEN is not set")
        #expect(failure(CredentialSpec(scheme: .bearer, secret: .file("/nonexistent/token")))?.contains("/nonexistent/token: No such file") == true)
    }
}
