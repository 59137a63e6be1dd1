/// The theme files shipped in Themes/, embedded into the binary at build time so the tool
/// works from any directory. The files themselves are the single source of truth.
public enum BuiltinThemeFiles {
    /// (file name, UTF-8 text) in display order.
    public static let all: [(fileName: String, text: String)] = [
        ("default.theme", String(decoding: PackageResources.default_theme, as: UTF8.self)),
        ("light.theme", String(decoding: PackageResources.light_theme, as: UTF8.self)),
        ("high-contrast.theme", String(decoding: PackageResources.high_contrast_theme, as: UTF8.self)),
        ("mono.theme", String(decoding: PackageResources.mono_theme, as: UTF8.self)),
    ]
}
