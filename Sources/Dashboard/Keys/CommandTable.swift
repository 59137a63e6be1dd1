import TerminalUI

/// The dashboard's one command table. Keys (`KeyMap.defaults`), the palette's commands and
/// their completion, help and the status line's hints are all read from these rows, and keys
/// and the palette both carry a row out through `FleetDashboard.perform`.
///
/// The palette lists its commands in the order of the rows; help lists a scope's keys in the
/// order of `DashboardAction`; hints go by their rank.
public enum CommandTable {
    public static let entries: [CommandEntry] = [
        // The palette's commands.
        .palette(.overview, "overview", "the fleet overview"),
        .key(.alerts, [.character("A")], .everywhere, "alerts view", word: "alerts", hint: .init(80, "alerts", on: .overview)),
        .key(.logs, [.character("l")], .everywhere, "logs of the selected chute or instance", word: "logs",
             hint: .init(50, "logs", on: .overview, .chute, .instance)),
        .palette(.sort, "sort", "sort the overview by a column", argument: .column),
        .palette(.filter, "filter", "filter the overview (empty: clear)", argument: .text),
        .key(.faultedOnly, [.character("f")], .overview, "show only chutes with a fault", word: "faulted",
             hint: .init(40, "faulted", on: .overview)),
        .key(.columns, [.character("c")], .overview, "columns: automatic, LLM, or standard",
             word: "columns"),
        .palette(.theme, "theme", "switch theme", argument: .theme),
        .palette(.context, "context", "switch to another context of the config", argument: .context),
        .key(.actions, [.character("x")], .everywhere, "actions on the selected chute or instance, or silence an Alertmanager alert (confirmed; none when read-only)",
             word: "actions", hint: .init(70, "actions", on: .chute, .instance, needsWrite: true)),
        .key(.audit, [.character("U")], .everywhere, "audit log of actions", word: "audit"),
        .key(.timeline, [.character("T")], .everywhere, "incident timeline (of the chute in view, else the fleet)", word: "timeline"),
        .key(.note, [.character("i")], .everywhere, "add a note to the timeline (on the selected chute or instance)",
             hint: .init(90, "note", on: .chute, .instance, .timeline)),
        .palette(.note, "note", "add a note to the timeline (on the selected chute or instance)", argument: .text),
        .palette(.incident, "incident", "start TITLE, end, or export PATH: the incident a handoff covers", argument: .text),
        .key(.help, [.character("?"), .function(1)], .everywhere, "this help", word: "help",
             hint: .init(200, "help", on: .overview, .chute, .instance, .metrics, .alerts, .audit, .timeline)),
        .key(.quit, [.character("q")], .everywhere, "quit (the terminal is restored)", word: "quit", hint: .init(210, "quit", on: .overview)),

        // Keys only: everywhere.
        .key(.back, [.escape, .left, .backspace], .everywhere, "back to the previous view",
             hint: .init(190, "back", on: .chute, .instance, .metrics, .logs, .alerts, .audit, .timeline)),
        .key(.open, [.enter, .right], .everywhere, "open the selected row",
             hint: .init(10, [.overview: "open", .chute: "instance", .alerts: "open"])),
        .key(.up, [.up, .character("k")], .everywhere, "move up"),
        .key(.down, [.down, .character("j")], .everywhere, "move down"),
        .key(.pageUp, [.pageUp, .ctrl("b")], .everywhere, "page up"),
        .key(.pageDown, [.pageDown, .ctrl("f")], .everywhere, "page down"),
        .key(.top, [.home, .character("g")], .everywhere, "first row"),
        .key(.bottom, [.end, .character("G")], .everywhere, "last row"),
        .key(.palette, [.character(":")], .everywhere, "command palette (tab completes, up/down history)", hint: .init(90, "cmd", on: .overview)),
        // The overview.
        .key(.filter, [.character("/")], .overview, "filter: text, !text, err>1 gpu>90 p95>2s rps<5 ready<1 breaker=open",
             hint: .init(20, "filter", on: .overview)),
        .key(.sortName, [.character("1")], .overview, "sort by name (again: reverse)", hint: sortHint),
        .key(.sortReady, [.character("2")], .overview, "sort by ready instances", hint: sortHint),
        .key(.sortGPU, [.character("3")], .overview, "sort by GPU utilisation", hint: sortHint),
        .key(.sortRate, [.character("4")], .overview, "sort by requests/s", hint: sortHint),
        .key(.sortErrors, [.character("5")], .overview, "sort by error %", hint: sortHint),
        .key(.sortP95, [.character("6")], .overview, "sort by p95 latency", hint: sortHint),
        .key(.sortBreakers, [.character("7")], .overview, "sort by breakers not closed", hint: sortHint),
        // A chute, an instance, its raw metrics.
        .key(.rawMetrics, [.character("m")], .instance, "raw metrics browser", hint: .init(60, [.chute: "metrics", .instance: "raw metrics"])),
        .key(.findFamily, [.character("/")], .instance, "find metric families by name (raw metrics)", hint: .init(100, "find", on: .metrics)),
        // Logs.
        .key(.follow, [.character("F")], .logs, "follow new lines on/off", hint: .init(110, "follow", on: .logs)),
        .key(.wrap, [.character("w")], .logs, "wrap long lines on/off", hint: .init(160, "wrap", on: .logs)),
        .key(.search, [.character("/")], .logs, "search (matches highlighted, nothing hidden)", hint: .init(120, "search", on: .logs)),
        .key(.nextMatch, [.character("n")], .logs, "next match", hint: matchHint),
        .key(.previousMatch, [.character("N")], .logs, "previous match", hint: matchHint),
        .key(.level, [.character("L")], .logs, "minimum level: all, debug, info, warn, error", hint: .init(140, "level", on: .logs)),
        .key(.requestFocus, [.character("r")], .logs, "only lines of the selected line's request id (again: all)",
             hint: .init(150, "request", on: .logs)),
        // Alerts (and the audit log).
        .key(.acknowledge, [.character("a")], .alerts, "acknowledge the selected alert, with a note", hint: .init(170, "ack", on: .alerts)),
        .key(.snooze, [.character("z")], .alerts, "snooze the selected alert for 1h, with a note", hint: .init(180, "snooze", on: .alerts)),
        // The timeline.
        .key(.timelineKind, [.character("t")], .timeline, "show one kind of entry: all, alerts, breakers, health, instances, scaling, actions, notes, incidents",
             hint: .init(172, "kind", on: .timeline)),
        .key(.timelineChute, [.character("c")], .timeline, "this chute's entries only, or the whole fleet's", hint: .init(174, "chute/fleet", on: .timeline)),
    ]

    private static let sortHint = CommandEntry.Hint(30, "sort", on: .overview)
    private static let matchHint = CommandEntry.Hint(130, "match", on: .logs)

    /// Keys the runtime reads before the dashboard does; help lists them with the everywhere keys.
    public static let runtimeKeys: [(keys: String, action: String)] = [(keys: "ctrl-l", action: "redraw the screen")]

    private static let byAction: [DashboardAction: CommandEntry] = Dictionary(
        entries.compactMap { e -> (DashboardAction, CommandEntry)? in if case .action(let a) = e.command { (a, e) } else { nil } },
        uniquingKeysWith: { first, _ in first })

    /// The row of a key's action (every action has one; `CommandTableTests` checks it).
    public static func entry(for action: DashboardAction) -> CommandEntry {
        guard let entry = byAction[action] else { preconditionFailure("\(action) has no row in CommandTable") }
        return entry
    }

    /// The row the palette names `word`.
    public static func entry(word: String) -> CommandEntry? { entries.first { $0.word == word } }

    /// Each action's default keys.
    public static var defaultKeys: [DashboardAction: [Key]] {
        byAction.filter { !$0.value.keys.isEmpty }.mapValues(\.keys)
    }
}
