import Foundation
import TestSupport
import TestLanes
import Testing

/// Shell completion scripts from ArgumentParser's generator, with the config's contexts,
/// the runbooks and the themes completed when TAB is pressed (run under a real bash); and
/// `--version` naming the commit the binary was built from.
@Suite(.lane(.live)) struct CompletionsAndVersionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func aScriptIsGeneratedForEachShell(_ shell: String) async throws {
        let r = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "completions", shell])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("chutetop"))
        #expect(r.stdout.contains("---completion"), "the script asks chutetop for context names at TAB")
    }

    /// `chutetop --context <TAB>` in bash offers the contexts of the file named on the line;
    /// `chutetop run <TAB>` the built-in actions and the config's runbooks; `--scenario` and
    /// `themes --theme` their names.
    @Test func bashCompletesContextsActionsScenariosAndThemes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("fleet.yaml").path
        try """
            contexts:
              - name: prod-eu
                source: {kind: simulator}
              - name: prod-us
                source: {kind: simulator}
              - name: staging
                source: {kind: simulator}
            runbooks:
              - name: drain-node
                scope: chute
                steps: [{command: [echo, "{{chute}}"]}]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("chutetop.bash").path
        let generated = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "completions", "bash"])
        try generated.stdout.write(toFile: script, atomically: true, encoding: .utf8)
        let binary = try BuildProducts.executable("chutetop")
        func complete(_ line: String) async throws -> [String] {
            // COMP_WORDS[0] is the binary the script asks for the candidates.
            let program = """
                source '\(script)'
                line='\(line)'
                read -ra words <<< "$line"
                [[ "$line" == *" " ]] && words+=("")
                COMP_WORDS=("\(binary)" "${words[@]:1}")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMP_LINE="$line"; COMP_POINT=${#COMP_LINE}
                # As bash calls it: the function `complete` registered, with the command, the
                # word being completed and the one before.
                function=$(complete -p chutetop | sed -E 's/.* -F ([^ ]+) .*/\\1/')
                "$function" chutetop "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try await ChildProcess.runOffPool(["/bin/bash", "-c", program], environment: ["PATH": "/usr/bin:/bin", "HOME": dir.path])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map(String.init).sorted()
        }
        // The dashboard is the default command: its options complete right after `chutetop`.
        #expect(try await complete("chutetop --config \(config) --context ") == ["prod-eu", "prod-us", "staging"])
        #expect(try await complete("chutetop --config \(config) --context prod") == ["prod-eu", "prod-us"])
        #expect(try await complete("chutetop snapshot --config \(config) --context st") == ["staging"])
        let actions = try await complete("chutetop run --config \(config) ")
        #expect(actions.contains("drain-node") && actions.contains("scale") && actions.contains("restart-instance"), "\(actions)")
        #expect(try await complete("chutetop demo --scenario breaker") == ["breaker-trip"])
        let themes = try await complete("chutetop themes --theme ")
        #expect(themes.contains("high-contrast") && themes.contains("light"), "\(themes)")
    }

    /// ArgumentParser's manual plugin (`swift package plugin generate-manual`) reads the tool's
    /// description from `--experimental-dump-help`: every subcommand is in it.
    @Test func theManualPluginSeesEverySubcommand() async throws {
        let r = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "--experimental-dump-help"])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let command = try #require(info["command"] as? [String: Any])
        let names = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        for name in ["dashboard", "demo", "init", "config", "completions", "run", "snapshot", "check"] {
            #expect(names.contains(name), "\(name) missing from \(names)")
        }
    }

    /// The commit is read at build time (Plugins/BuildInfoPlugin), not written in the source.
    @Test func versionNamesTheReleaseAndTheCommit() async throws {
        let r = try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop"), "--version"])
        #expect(r.status == 0)
        let root = BuildProducts.packageRoot().path
        let head = try await ChildProcess.runOffPool(["/usr/bin/git", "-C", root, "rev-parse", "--short=12", "HEAD"])
        try #require(head.status == 0, "the package is not a git checkout: nothing to compare with")
        let commit = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(r.stdout.hasPrefix("0.1.0 (commit \(commit)"), "\(r.stdout) vs \(commit)")
    }
}
