import Foundation

/// The first context `chutetop init` writes: which source, its URLs and where a key is read
/// from, as YAML text with comments (so an operator can read and extend it).
struct StartingConfig: Equatable {
    enum Source: Equatable {
        case demo
        case prometheus(url: String)
        /// Instances of one chute read directly, and/or a control API that lists the chutes.
        case direct(chute: String?, instances: [String], controlAPI: String?)
        /// The Chutes platform's API; the key is read from `key` (never written here).
        case chutes(url: String, key: KeyOrigin)
    }

    /// Where a secret is read from at run time.
    enum KeyOrigin: Equatable {
        case environment(String)
        case file(String)
    }

    var name: String
    var source: Source
    var alertmanager: String?

    var kindWord: String {
        switch source {
        case .demo: "simulator"
        case .prometheus: "prometheus"
        case .direct: "direct"
        case .chutes: "chutes"
        }
    }

    /// The file's text. Strings are written double-quoted with JSON's escapes (valid YAML).
    func yaml(writtenAt date: Date = Date()) -> String {
        var lines = [
            "# chutetop configuration, written by `chutetop init` on \(ISO8601DateFormatter().string(from: date)).",
            "# Check it with `chutetop config check`; every key is described in the README (Configuration)",
            "# and in Fixtures/config/example.yaml.",
            "defaultContext: \(Self.quoted(name))",
            "contexts:",
            "  - name: \(Self.quoted(name))",
            "    source:",
        ]
        switch source {
        case .demo:
            lines += ["      kind: simulator", "      # the built-in simulated fleet (in-process, over loopback HTTP)", "      scenario: steady"]
        case .prometheus(let url):
            lines += ["      kind: prometheus", "      url: \(Self.quoted(url))",
                      "      # selector: '{job=\"chutes\"}'   # label matchers every fleet series carries"]
        case .direct(let chute, let instances, let controlAPI):
            lines.append("      kind: direct")
            if let controlAPI { lines.append("      controlAPI: \(Self.quoted(controlAPI))") }
            if let chute, !instances.isEmpty {
                lines += ["      chutes:", "        - name: \(Self.quoted(chute))", "          instances:"]
                lines += instances.map { "            - \(Self.quoted($0))" }
            }
        case .chutes(let url, let key):
            lines += ["      kind: chutes", "      url: \(Self.quoted(url))", "      auth:"]
            switch key {
            case .environment(let name): lines.append("        tokenEnv: \(Self.quoted(name))   # the key is read from this variable, never written here")
            case .file(let path): lines.append("        tokenFile: \(Self.quoted(path))   # the key is read from this file (mode 0600), never written here")
            }
        }
        if let alertmanager { lines += ["    alertmanager:", "      url: \(Self.quoted(alertmanager))"] }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A chute's name from an instance URL: the `/chutes/NAME/` segment, else the host.
    static func chuteName(from url: String) -> String {
        let parts = url.split(separator: "/").map(String.init)
        if let i = parts.firstIndex(of: "chutes"), i + 1 < parts.count { return parts[i + 1] }
        let host = parts.count > 1 ? parts[1] : url
        return String(host.split(separator: ":").first ?? Substring(host))
    }
}
