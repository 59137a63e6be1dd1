/// The terminal the runtime draws on and reads from. `NcursesTerminal` is the real one;
/// `InMemoryTerminal` records frames for tests.
public protocol TerminalDevice: AnyObject {
    var size: Size { get }
    /// The descriptor to wait on for input with poll(2), or nil when input is only queued.
    var inputDescriptor: Int32? { get }
    /// Every input available now, without blocking.
    func readAvailableInput() -> [TerminalInput]
    /// Shows `screen` styled by `theme`; only what changed since the last frame is sent.
    func present(_ screen: Screen, theme: Theme)
    /// The next `present` repaints the whole terminal (ctrl-L, after a resize).
    func invalidate()
    /// Called after SIGWINCH: re-reads the window size and returns it.
    func windowSizeDidChange() -> Size
}
