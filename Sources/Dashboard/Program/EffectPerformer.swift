/// Carries out a program's commands (network, files). Implemented in LiveServices, so shell
/// targets never import each other and pure targets never do I/O.
public protocol EffectPerformer<Command, Message>: Sendable {
    associatedtype Command: Sendable
    associatedtype Message: Sendable
    /// Performs `command`, calling `deliver` with each result. Runs as a child task of the
    /// runtime and is cancelled on shutdown.
    func perform(_ command: Command, deliver: @escaping @Sendable (Message) -> Void) async
}
