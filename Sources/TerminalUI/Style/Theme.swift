/// A complete mapping from every `Role` to a `CellStyle`.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// Where it came from: a file path, or "built-in:<file>".
    public var origin: String
    private var styles: [CellStyle]

    public init(name: String, origin: String, styles: [Role: CellStyle]) {
        self.name = name
        self.origin = origin
        self.styles = Role.allCases.map { styles[$0] ?? CellStyle() }
    }

    public subscript(role: Role) -> CellStyle {
        get { styles[Int(role.rawValue)] }
        set { styles[Int(role.rawValue)] = newValue }
    }

    /// The themes shipped in Themes/, parsed. They are checked by tests, so parsing cannot fail.
    public static let builtin: [Theme] = BuiltinThemeCatalog.load()

    /// A built-in theme by its file stem (`default`, `light`, `high-contrast`, `mono`) or name.
    public static func builtin(named key: String) -> Theme? {
        let k = key.lowercased()
        return builtin.first { $0.origin == "built-in:\(k).theme" || $0.name.lowercased() == k }
    }

    public static var defaultTheme: Theme { builtin(named: "default") ?? builtin[0] }
    public static var mono: Theme { builtin(named: "mono") ?? builtin[0] }
}
