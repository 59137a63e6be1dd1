import Foundation
import Monitoring
import TestLanes
import Testing
@testable import Dashboard

/// `alertmanager:` in a context: the shipped example parses; url, auth and tls are read as for a
/// direct source, and every mistake names the file, line and key.
@Suite(.lane(.compute)) struct AlertmanagerConfigTests {
    func context(_ alertmanager: String) throws(ConfigError) -> ContextConfig {
        try ConfigParser.parse("contexts:\n  - name: a\n    source: {kind: simulator}\n    alertmanager: \(alertmanager)\n", file: "test.yaml").contexts[0]
    }

    func error(_ alertmanager: String) -> ConfigError? {
        do { _ = try context(alertmanager); return nil } catch { return error }
    }

    @Test func theShippedExampleParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/config/alertmanager.yaml").path
        let config = try ConfigParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(config.contexts[0].alertmanager == AlertmanagerConfig(url: "http://127.0.0.1:9093"))
        #expect(config.contexts[0].alertmanagerInterval == 2)
    }

    @Test func urlAuthAndTLSAsForADirectSource() throws {
        let c = try context("{url: 'https://am.example.com/', auth: {scheme: basic, username: ops, passwordEnv: AM_PASSWORD}, tls: {insecureSkipVerify: true}}")
        #expect(c.alertmanager == AlertmanagerConfig(url: "https://am.example.com", tls: TLSSettings(insecureSkipVerify: true),
                                                     credentials: CredentialSpec(scheme: .basic, username: "ops", secret: .environment("AM_PASSWORD"))))
        #expect(try context("{url: http://127.0.0.1:9093}").alertmanager?.credentials == nil)
        #expect(try ConfigParser.parse("contexts:\n  - name: a\n    source: {kind: simulator}\n", file: "t").contexts[0].alertmanagerInterval == nil)
    }

    @Test(arguments: [
        ("{url: ftp://am}", "alertmanager.url", "is not an http:// or https:// URL"),
        ("{auth: {scheme: bearer, tokenEnv: T}}", "alertmanager", "missing required key 'url'"),
        ("{url: http://am:9093, auht: {}}", "alertmanager.auht", "unknown key"),
        ("{url: http://am:9093, auth: {scheme: bearer}}", "alertmanager.auth", "exactly one of tokenEnv, tokenFile"),
        ("{url: http://am:9093, tls: {verify: false}}", "alertmanager.tls.verify", "unknown key"),
    ])
    func mistakesNameFileLineAndKey(yaml: String, key: String, says: String) throws {
        let e = try #require(error(yaml))
        #expect(e.file == "test.yaml" && e.line == 4, "\(e)")
        #expect(e.key?.hasSuffix(key) == true, "\(e)")
        #expect(e.description.contains(says), "\(e)")
    }
}
