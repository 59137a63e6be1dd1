import TerminalUI

/// What reaches a program's `update`: input from the terminal, or a message delivered by an
/// effect (a fetch result, a loaded file). Time, when a program needs it, arrives inside events.
public enum ProgramEvent<Message: Sendable>: Sendable {
    case keyPressed(Key)
    /// A click or wheel step, with the zones of the frame on screen under it (topmost first).
    case pointer(MouseEvent, zones: [ScreenZone])
    case resized(Size)
    case delivered(Message)
}
