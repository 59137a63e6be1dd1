import Dashboard
import Foundation
import TestLanes
import Testing
@testable import LiveServices

/// Credentials from a variable or a file; an unsafe file is refused; a secret never appears in
/// an error.
@Suite(.lane(.compute)) struct CredentialResolverTests {
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

    /// The example config's own suggestion, `tokenFile: ~/.config/chutetop/token`, and its
    /// `$HOME` spelling, are found under the home directory.
    @Test func aTokenFileUnderTheHomeDirectoryIsFoundWithTildeOrHOME() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.config/chutetop", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "tok3n\n".write(toFile: home + "/.config/chutetop/token", atomically: false, encoding: .utf8)
        chmod(home + "/.config/chutetop/token", 0o600)
        for written in ["~/.config/chutetop/token", "$HOME/.config/chutetop/token", "${HOME}/.config/chutetop/token"] {
            let header = try CredentialResolver.authorization(CredentialSpec(scheme: .bearer, secret: .file(written)), environment: ["HOME": home])
            #expect(header == "Bearer tok3n", "\(written)")
        }
        #expect(XDGDirectories.expandingHome("~", ["HOME": "/h"]) == "/h")
        #expect(XDGDirectories.expandingHome("~other/x", ["HOME": "/h"]) == "~other/x")
        #expect(XDGDirectories.expandingHome("/etc/$HOME/x", ["HOME": "/h"]) == "/etc/$HOME/x")
        #expect(XDGDirectories.stateHome(["XDG_STATE_HOME": "~/state", "HOME": "/h"]) == "/h/state")
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
