import TerminalUI

/// The `:` command palette: a line of text with tab completion over commands and their
/// arguments, and up/down through the commands given before (most recent first).
public struct CommandPalette: Sendable {
    /// A command the palette knows, with the arguments it completes.
    public struct Command: Sendable, Hashable {
        public var name: String
        public var arguments: [String]
        public var summary: String
        public init(_ name: String, _ arguments: [String] = [], _ summary: String) {
            self.name = name
            self.arguments = arguments
            self.summary = summary
        }
    }

    public enum Outcome: Sendable, Hashable { case editing, run(name: String, argument: String), cancelled }

    public private(set) var input = TextInput(prompt: ":")
    public private(set) var candidates: [String] = []
    public var commands: [Command]
    public private(set) var history: [String]
    private var historyIndex: Int?
    /// A problem with the last line, shown under it.
    public var problem: String?

    public init(commands: [Command], history: [String] = []) {
        self.commands = commands
        self.history = history
    }

    public mutating func handle(_ key: Key) -> Outcome {
        problem = nil
        switch key {
        case .tab:
            complete()
            return .editing
        case .up, .down:
            browseHistory(older: key == .up)
            return .editing
        default:
            break
        }
        candidates = []
        switch input.handle(key) {
        case .editing: return .editing
        case .cancelled: return .cancelled
        case .submitted(let text):
            let words = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard let first = words.first else { return .cancelled }
            let matching = commands.filter { $0.name.hasPrefix(first) }
            guard let command = commands.first(where: { $0.name == first }) ?? (matching.count == 1 ? matching[0] : nil) else {
                problem = matching.isEmpty ? "no command '\(first)' (tab lists them)" : "'\(first)' could be \(matching.map(\.name).joined(separator: ", "))"
                return .editing
            }
            let argument = words.count > 1 ? String(words[1].trimmingSpaces()) : ""
            if !command.arguments.isEmpty, !argument.isEmpty, !command.arguments.contains(argument) {
                let close = command.arguments.filter { $0.hasPrefix(argument) }
                if close.count == 1 { return record(text, .run(name: command.name, argument: close[0])) }
                problem = "\(command.name): '\(argument)' is not one of \(command.arguments.joined(separator: ", "))"
                return .editing
            }
            return record(text, .run(name: command.name, argument: argument))
        }
    }

    private mutating func record(_ text: String, _ outcome: Outcome) -> Outcome {
        history.removeAll { $0 == text }
        history.insert(text, at: 0)
        if history.count > 50 { history.removeLast() }
        historyIndex = nil
        return outcome
    }

    /// Completes the word under the cursor to the longest common prefix of its candidates and
    /// lists them when more than one remains.
    mutating func complete() {
        let text = input.text
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let options: [String], prefix: String, lead: String
        if parts.count <= 1 {
            options = commands.map(\.name)
            prefix = parts.first ?? ""
            lead = ""
        } else {
            options = commands.first { $0.name == parts[0] }?.arguments ?? []
            prefix = parts[1]
            lead = parts[0] + " "
        }
        let matching = options.filter { $0.hasPrefix(prefix) }
        candidates = matching.count > 1 ? matching : []
        guard let first = matching.first else {
            problem = "nothing completes '\(prefix)'"
            return
        }
        var common = first
        for m in matching.dropFirst() { while !m.hasPrefix(common) { common.removeLast() } }
        let finished = matching.count == 1 && parts.count <= 1 && !(commands.first { $0.name == first }?.arguments.isEmpty ?? true)
        input = TextInput(prompt: ":", text: lead + common + (finished ? " " : ""))
    }

    private mutating func browseHistory(older: Bool) {
        guard !history.isEmpty else { return }
        let next: Int? = older ? min(history.count - 1, (historyIndex ?? -1) + 1) : (historyIndex.map { $0 - 1 }.flatMap { $0 < 0 ? nil : $0 })
        historyIndex = next
        input = TextInput(prompt: ":", text: next.map { history[$0] } ?? "")
    }
}
