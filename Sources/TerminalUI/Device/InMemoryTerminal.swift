/// A terminal device in memory: tests queue input and read back the frames presented.
public final class InMemoryTerminal: TerminalDevice {
    public private(set) var size: Size
    public var inputDescriptor: Int32? { nil }
    public private(set) var frames: [Screen] = []
    public private(set) var themes: [Theme] = []
    public private(set) var invalidations = 0
    private var queued: [TerminalInput] = []

    public init(size: Size) { self.size = size }

    public var lastFrame: Screen? { frames.last }

    /// Queues key presses for the next read.
    public func type(_ keys: Key...) { queued += keys.map { .key($0) } }

    /// Queues a resize, as a terminal would report it.
    public func resize(to newSize: Size) {
        size = newSize
        queued.append(.resized(newSize))
    }

    public func readAvailableInput() -> [TerminalInput] {
        defer { queued.removeAll() }
        return queued
    }

    public func present(_ screen: Screen, theme: Theme) {
        frames.append(screen)
        themes.append(theme)
    }

    public func invalidate() { invalidations += 1 }

    public func windowSizeDidChange() -> Size { size }
}
