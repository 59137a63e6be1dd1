import ArgumentParser
import Dashboard
import DashboardViews
import Foundation
import LiveServices
import TerminalUI

/// `chutetop themes`: the theme gallery, for theme authors.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "Show every theme's roles on real widgets; cycle with n/p.",
        discussion: """
            A theme file (NAME.theme, in --themes-dir or $XDG_CONFIG_HOME/chutetop/themes) starts with `name TEXT` \
            and has one line per role, every role once: ROLE FOREGROUND BACKGROUND [ATTRIBUTE...]. Colours: default, \
            an ANSI name (red, bright-red, gray, ...), 0-255, or #rrggbb; attributes: bold dim italic underline \
            reverse; # starts a comment. Press ? in the gallery for its keys.
            """
    )

    @Option(help: ArgumentHelp("Start with this theme: a built-in name or a .theme file.", valueName: "name|file"),
            completion: CompletionCandidates.themes)
    var theme: String?

    @Option(help: ArgumentHelp("Also load every *.theme file in this directory; r reloads them.", valueName: "dir"))
    var themesDir: String?

    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var themes = Theme.builtin
        var errors: [String] = []
        let directory = themesDir.map { XDGDirectories.expandingHome($0, environment) } ?? ThemeLocations.userThemeDirectory(environment: environment)
        if let directory {
            let loaded = ThemeDirectory.load(from: directory)
            themes += loaded.themes
            if themesDir != nil { errors += loaded.errors }
        }
        var startIndex = 0
        if let wanted = theme {
            if wanted.hasSuffix(".theme") {
                do { themes.append(try ThemeDirectory.loadFile(XDGDirectories.expandingHome(wanted, environment))) } catch {
                    throw CannotRun("\(error)")  // a file that cannot be used, as for a config: exit 3
                }
                startIndex = themes.count - 1
            } else if let i = themes.firstIndex(where: { $0.origin.hasSuffix("/\(wanted).theme") || $0.origin == "built-in:\(wanted).theme" || $0.name.lowercased() == wanted.lowercased() }) {
                startIndex = i
            } else {
                throw ValidationError("unknown theme '\(wanted)'; built-in themes: \(Theme.builtin.map { $0.origin.dropFirst(9).dropLast(6) }.joined(separator: ", "))")
            }
        }
        if noColor {
            themes = [Theme.mono]
            startIndex = 0
        }
        let (status, _) = try FullScreenSession.run(options: terminal, noColor: noColor) { depth, glyphs in
            ThemeGalleryState(themes: themes, themeIndex: startIndex, glyphs: glyphs, loadErrors: errors,
                              themeDirectory: directory, colorDepth: depth, colorDisabled: noColor)
        } performer: {
            ThemeGalleryEffects()
        } update: {
            ThemeGallery.update(&$0, $1)
        } render: {
            ThemeGalleryView.render($0, size: $1)
        } theme: {
            $0.theme
        }
        if status != 0 { throw ExitCode(status) }
    }
}

enum ThemeLocations {
    /// `$XDG_CONFIG_HOME/chutetop/themes` (or ~/.config/...) if it exists.
    static func userThemeDirectory(environment: [String: String]) -> String? {
        let path = XDGDirectories.configHome(environment) + "/chutetop/themes"
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
    }
}
