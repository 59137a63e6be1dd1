import ArgumentParser
import Dashboard
import FleetSimulator
import Foundation
import LiveServices
import Monitoring
import TerminalUI

/// What the shell completion offers for values that live in files: the configuration's
/// contexts and runbooks, and the theme directory. Read when TAB is pressed (ArgumentParser's
/// `CompletionKind.custom`); a configuration with problems still offers what could be read.
enum CompletionCandidates {
    static let contexts = CompletionKind.custom { words, _, prefix in
        starting(with: prefix, config(words)?.contexts.map(\.name) ?? [])
    }

    /// Built-in actions and the configuration's runbooks (with the `runbooks/` beside it).
    static let actions = CompletionKind.custom { words, _, prefix in
        starting(with: prefix, BuiltinActions.names.sorted() + (config(words)?.runbooks.map(\.name) ?? []))
    }

    static let scenarios = CompletionKind.list(ScenarioCatalog.names)

    /// Built-in themes and the `*.theme` files of the user's theme directory.
    static let themes = CompletionKind.custom { _, _, prefix in
        let builtin = Theme.builtin.map { String($0.origin.dropFirst("built-in:".count).dropLast(".theme".count)) }
        let environment = ProcessInfo.processInfo.environment
        let own = ThemeLocations.userThemeDirectory(environment: environment)
            .flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0) }?
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) } ?? []
        return starting(with: prefix, builtin + own.sorted())
    }

    /// The configuration named by `--config F` (or `--config=F`) on the line, else the one
    /// the command would find; what could be read of it.
    static func config(_ words: [String]) -> ChutetopConfig? {
        var explicit: String?
        for (i, word) in words.enumerated() {
            if word == "--config", i + 1 < words.count { explicit = words[i + 1] }
            if word.hasPrefix("--config=") { explicit = String(word.dropFirst("--config=".count)) }
        }
        guard let path = ConfigFile.path(explicit: explicit)?.path else { return nil }
        return ConfigFile.check(path).config
    }

    private static func starting(with prefix: String, _ names: [String]) -> [String] {
        names.filter { $0.hasPrefix(prefix) }
    }
}
