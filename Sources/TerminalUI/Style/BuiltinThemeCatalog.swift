import BuiltinThemes

enum BuiltinThemeCatalog {
    static func load() -> [Theme] {
        BuiltinThemeFiles.all.map { file in
            do {
                return try ThemeParser.parse(file.text, origin: "built-in:\(file.fileName)")
            } catch {
                // Tests parse every shipped file, so this is a build defect, not a user error.
                preconditionFailure("built-in theme \(file.fileName) is invalid: \(error)")
            }
        }
    }
}
