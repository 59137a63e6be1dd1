import Dashboard
import TerminalUI

/// Performs the theme gallery's commands: re-reading the user's theme files.
public struct ThemeGalleryEffects: EffectPerformer {
    public init() {}

    public func perform(_ command: ThemeGalleryCommand, deliver: @escaping @Sendable (ThemeGalleryMessage) -> Void) async {
        switch command {
        case .reloadThemes(let directory):
            let loaded = ThemeDirectory.load(from: directory)
            deliver(.themesReloaded(themes: loaded.themes, errors: loaded.errors))
        }
    }
}
