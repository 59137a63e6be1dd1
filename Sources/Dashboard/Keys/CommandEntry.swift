import TerminalUI

/// One row of the command table: what it does, its default keys and where they are read, what
/// help says of it, the palette's word for it with what its argument completes to, and where
/// the status line hints at it.
public struct CommandEntry: Sendable {
    /// What a palette command's argument is, and so what tab completes it to.
    public enum Argument: Sendable, Hashable {
        /// Free text (the filter): nothing to complete.
        case text
        /// An overview column (`OverviewOrder.Column`).
        case column
        /// A theme, by its name in lower case with dashes for spaces.
        case theme
        /// Another context of the config.
        case context

        /// What tab completes the argument to, in this state.
        public func candidates(_ s: FleetDashboardState) -> [String] {
            switch self {
            case .text: []
            case .column: OverviewOrder.Column.allCases.map(\.rawValue)
            case .theme: s.themes.map(\.paletteWord)
            case .context: s.contexts
            }
        }
    }

    /// Where the status line shows a command's key: its place from the left (`rank`, lower
    /// first) and its word per view. Rows sharing a rank share one hint, their keys spelled
    /// together ("1-7 sort", "n/N match").
    public struct Hint: Sendable, Hashable {
        public var rank: Int
        public var labels: [DashboardPage.Kind: String]
        /// Shown only where actions may be taken (not in a read-only context).
        public var needsWrite: Bool

        public init(_ rank: Int, _ labels: [DashboardPage.Kind: String], needsWrite: Bool = false) {
            self.rank = rank
            self.labels = labels
            self.needsWrite = needsWrite
        }

        /// The same word in every view listed.
        public init(_ rank: Int, _ label: String, on kinds: DashboardPage.Kind..., needsWrite: Bool = false) {
            self.init(rank, Dictionary(uniqueKeysWithValues: kinds.map { ($0, label) }), needsWrite: needsWrite)
        }
    }

    public var command: ConsoleCommand
    /// The keys bound to it unless the config rebinds them (none for palette-only commands).
    public var keys: [Key]
    /// Where its keys are read; palette commands run from any view.
    public var scope: DashboardAction.Scope
    /// What help says of it (and the palette, which lists it under `word`).
    public var summary: String
    /// The palette's word for it, if the palette has it.
    public var word: String?
    /// The argument the palette takes after the word (nil: none).
    public var argument: Argument?
    public var hint: Hint?

    /// A key's action; `word` also makes it a palette command.
    public static func key(_ action: DashboardAction, _ keys: [Key], _ scope: DashboardAction.Scope, _ summary: String,
                           word: String? = nil, hint: Hint? = nil) -> CommandEntry {
        CommandEntry(command: .action(action), keys: keys, scope: scope, summary: summary, word: word, argument: nil, hint: hint)
    }

    /// A command only the palette has.
    public static func palette(_ command: ConsoleCommand, _ word: String, _ summary: String, argument: Argument? = nil) -> CommandEntry {
        CommandEntry(command: command, keys: [], scope: .everywhere, summary: summary, word: word, argument: argument, hint: nil)
    }
}

extension Theme {
    /// How the palette spells a theme: "Solarized Dark" is `solarized-dark`.
    var paletteWord: String { String(name.lowercased().map { $0 == " " ? "-" : $0 }) }
}
