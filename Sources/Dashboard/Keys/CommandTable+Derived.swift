import TerminalUI

/// What is read from the command table besides keys: help, the status line's hints and the
/// palette's commands, each spelled with the keys the key map binds now.
extension CommandTable {
    /// Help for a view: its scope's keys, then the keys read everywhere, in `DashboardAction`'s
    /// order, each with its row's summary. In a replay, the replay's keys first and none of
    /// what a replay refuses (actions, acknowledging, snoozing, notes).
    public static func help(for page: DashboardPage, keyMap: KeyMap, replaying: Bool = false) -> [HelpOverlay.Section] {
        let refused: Set<DashboardAction> = replaying ? [.actions, .acknowledge, .snooze, .note] : []
        let lines = { (scope: DashboardAction.Scope) in
            DashboardAction.allCases.filter { $0.scope == scope && !refused.contains($0) }.map { (keys: keyMap.keys($0), action: entry(for: $0).summary) }
        }
        var sections: [HelpOverlay.Section] = replaying ? [.init("Replay", Replay.keys)] : []
        if page.scope != .everywhere { sections.append(.init(page.title, lines(page.scope))) }
        sections.append(.init("Everywhere", lines(.everywhere) + runtimeKeys))
        return sections
    }

    /// The status line's hints for a view: the rows hinted there, by rank, each with the first
    /// key bound to it; rows of one rank make one hint.
    public static func hints(for page: DashboardPage, keyMap: KeyMap, readOnly: Bool) -> [(key: String, action: String)] {
        hintedActions(for: page, keyMap: keyMap, readOnly: readOnly).map { (key: $0.key, action: $0.label) }
    }

    /// The hints with the action each stands for (the first of its rank): what a click on a
    /// hint does.
    static func hintedActions(for page: DashboardPage, keyMap: KeyMap, readOnly: Bool) -> [(key: String, label: String, action: DashboardAction)] {
        var hints: [(rank: Int, label: String, keys: [String], action: DashboardAction)] = []
        for entry in entries {
            guard case .action(let action) = entry.command, let hint = entry.hint, let label = hint.labels[page.kind],
                  !(hint.needsWrite && readOnly) else { continue }
            let key = keyMap.bindings[action]?.first?.description ?? ""
            if let i = hints.firstIndex(where: { $0.rank == hint.rank }) {
                hints[i].keys.append(key)
            } else {
                hints.append((hint.rank, label, [key], action))
            }
        }
        return hints.sorted { $0.rank < $1.rank }.map { (key: spelled($0.keys), label: $0.label, action: $0.action) }
    }

    /// Keys of one hint: a run of three or more consecutive characters as a range ("1-7"),
    /// otherwise one after another ("n/N").
    static func spelled(_ keys: [String]) -> String {
        let scalars = keys.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : nil }
        if keys.count >= 3, scalars.count == keys.count, zip(scalars, scalars.dropFirst()).allSatisfy({ $1 == $0 + 1 }) {
            return keys[0] + "-" + keys[keys.count - 1]
        }
        return keys.joined(separator: "/")
    }

    /// The palette's commands, in the rows' order, with what their arguments complete to now.
    public static func paletteCommands(_ s: FleetDashboardState) -> [CommandPalette.Command] {
        entries.compactMap { e in e.word.map { CommandPalette.Command($0, e.argument?.candidates(s) ?? [], e.summary) } }
    }
}
