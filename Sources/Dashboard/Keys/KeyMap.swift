import TerminalUI

/// Which keys do which `DashboardAction`: the command table's defaults, with a config's `keys:`
/// section rebinding actions (the new keys replace the defaults of that action); refused when
/// two actions would share a key where both are read.
public struct KeyMap: Sendable, Equatable {
    public private(set) var bindings: [DashboardAction: [Key]]

    public struct Conflict: Error, Sendable, Equatable, CustomStringConvertible {
        public var key: Key
        public var actions: [DashboardAction]
        public var description: String {
            "'\(key)' is bound to both \(actions.map(\.rawValue).joined(separator: " and "))"
        }
    }

    /// Each action's keys unless the config rebinds them: from the command table.
    public static let defaults: [DashboardAction: [Key]] = CommandTable.defaultKeys

    /// The default table, with `overrides` replacing the keys of the actions they name.
    public init(overrides: [DashboardAction: [Key]] = [:]) throws(Conflict) {
        var b = Self.defaults
        for (action, keys) in overrides { b[action] = keys }
        bindings = b
        if let conflict = Self.firstConflict(b) { throw conflict }
    }

    /// The action `key` does in `scope` (a scope's own keys first, then the everywhere keys).
    public func action(for key: Key, in scope: DashboardAction.Scope) -> DashboardAction? {
        var fallback: DashboardAction?
        for (action, keys) in bindings where keys.contains(key) {
            if action.scope == scope { return action }
            if action.scope == .everywhere { fallback = action }
        }
        return fallback
    }

    /// How help and hints spell an action's keys ("j down").
    public func keys(_ action: DashboardAction) -> String {
        (bindings[action] ?? []).map(\.description).joined(separator: " ")
    }

    /// The first key bound twice where both actions are read (same scope, or one everywhere).
    static func firstConflict(_ b: [DashboardAction: [Key]]) -> Conflict? {
        let ordered = DashboardAction.allCases.filter { b[$0] != nil }
        for (i, a) in ordered.enumerated() {
            for other in ordered[(i + 1)...] where a.scope == other.scope || a.scope == .everywhere || other.scope == .everywhere {
                if let shared = b[a]!.first(where: { b[other]!.contains($0) }) {
                    return Conflict(key: shared, actions: [a, other])
                }
            }
        }
        return nil
    }

    /// Reads a key's name as help spells it: a character, `space`, `ctrl-x`, `enter`, `esc`,
    /// `up`, `pgdn`, `F5` and so on.
    public static func key(named name: String) -> Key? {
        if name.count == 1 { return .character(name.first!) }
        let lower = name.lowercased()
        if lower.hasPrefix("ctrl-"), lower.count == 6 { return .ctrl(lower.last!) }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .function(n) }
        let named: [String: Key] = [
            "space": .character(" "), "up": .up, "down": .down, "left": .left, "right": .right, "home": .home,
            "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "insert": .insert, "delete": .delete, "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "backspace": .backspace, "tab": .tab, "shift-tab": .backTab,
        ]
        return named[lower]
    }
}
