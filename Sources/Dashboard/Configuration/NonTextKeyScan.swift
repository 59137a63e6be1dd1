import CYaml

/// Finds the first mapping key in a YAML text that is a list, a mapping or an alias, from the
/// YAML library's events, before any document is composed. No chutetop key is one, and
/// composing them is not safe: the YAML library compares duplicated keys with a recursion
/// that is exponential in their depth (fuzzing found an 8 KB file that took 24 s, and longer
/// ones that took hours). Linear in the text; `CYaml` is the libyaml that Yams builds (see
/// DECISIONS.md, 2026-11-30).
enum NonTextKeyScan {
    /// Where the reading is in one open collection.
    private enum Level {
        /// A list, with how many of its items have started.
        case sequence(started: Int)
        /// A mapping: whether its next node is a key, and the last key read (the path of the
        /// value being read).
        case mapping(expectsKey: Bool, key: String?)

        /// This level's part of the path of the node being read inside it.
        var pathPart: String? {
            switch self {
            case .sequence(let started): return started > 0 ? "[\(started - 1)]" : nil
            case .mapping(_, let key): return key
            }
        }

        /// This level after `event`, a node inside it, has started.
        func advanced(by event: yaml_event_t) -> Self {
            switch self {
            case .sequence(let started):
                return .sequence(started: started + 1)
            case .mapping(true, _):
                let scalar = event.data.scalar
                return .mapping(expectsKey: false, key: String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self))
            case .mapping(false, let key):
                return .mapping(expectsKey: true, key: key)
            }
        }
    }

    static let message = "a key must be text"

    /// The first key that is not text, with its line, column and the path of its mapping; nil
    /// when there is none, or when the text is not valid YAML (composing it names that error).
    static func firstProblem(in text: String, file: String?) -> ConfigError? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> ConfigError? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var levels: [Level] = []
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if case .mapping(true, _)? = levels.last, event.type != YAML_SCALAR_EVENT {
                        return ConfigError(file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                                           key: path(levels.dropLast()), message: message)
                    }
                    if let last = levels.indices.last { levels[last] = levels[last].advanced(by: event) }
                    if event.type == YAML_SEQUENCE_START_EVENT { levels.append(.sequence(started: 0)) }
                    if event.type == YAML_MAPPING_START_EVENT { levels.append(.mapping(expectsKey: true, key: nil)) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    levels.removeLast()
                default:
                    continue
                }
            }
        }
    }

    /// `contexts[0].poll`: the path of the node inside the innermost of `levels`.
    private static func path(_ levels: ArraySlice<Level>) -> String? {
        let parts = levels.compactMap(\.pathPart)
        guard !parts.isEmpty else { return nil }
        return parts.reduce("") { path, part in path.isEmpty || part.hasPrefix("[") ? path + part : path + "." + part }
    }
}
