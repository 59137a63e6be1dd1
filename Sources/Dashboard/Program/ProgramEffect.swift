/// What a program's `update` asks the runtime to do. Commands are plain data; an
/// `EffectPerformer` in the shell carries them out and delivers the results as messages.
public enum ProgramEffect<Command: Sendable>: Sendable {
    case perform(Command)
    case quit(status: Int32)
}

extension ProgramEffect: Equatable where Command: Equatable {}
