import Dashboard
import Glibc
import TerminalUI

/// The event loop (ARCHITECTURE.md "The loop"): terminal input and inbox items in, the pure
/// `update`, effects out, and a frame rendered only when the state changed, at most once per
/// `minimumFrameInterval` (and, for programs with a revision number, only when it moved). Between events it blocks in poll(2) with no timeout at all unless a
/// resize or a capped frame is pending, so an idle screen costs nothing.
public final class ProgramRuntime<State, Performer: EffectPerformer> {
    public typealias Message = Performer.Message
    public typealias Command = Performer.Command
    public typealias Update = (inout State, ProgramEvent<Message>) -> [ProgramEffect<Command>]

    public private(set) var state: State
    public let inbox: RuntimeInbox<Message>
    public var minimumFrameInterval: Duration = .milliseconds(16)
    public var resizeDebounce: Duration = .milliseconds(40)
    /// Frames presented so far.
    public private(set) var framesPresented = 0
    /// For each frame that answered a key: from reading the key to the frame handed to the
    /// terminal (the benchmark's keypress-to-frame latency). Bounded to the last 100,000.
    public private(set) var keyToFrame: [Duration] = []
    private var unansweredKeyAt: ContinuousClock.Instant?

    private let update: Update
    private let render: (State, Size) -> Screen
    private let theme: (State) -> Theme
    private let revision: ((State) -> Int)?
    private let terminal: TerminalDevice
    private let performer: Performer
    private let tasks = EffectTasks()
    private var dirty = true
    private var exitStatus: Int32?
    private var pendingResize: (size: Size, due: ContinuousClock.Instant)?
    private var lastFrame: ContinuousClock.Instant?
    /// The frame on screen, whose zones a click is matched against.
    private var onScreen: Screen?

    /// `inbox` may be made first, so signal handlers installed before curses starts can post to it.
    public init(state: State, terminal: TerminalDevice, performer: Performer,
                inbox: RuntimeInbox<Message> = RuntimeInbox(),
                update: @escaping Update,
                render: @escaping (State, Size) -> Screen,
                theme: @escaping (State) -> Theme,
                revision: ((State) -> Int)? = nil) {
        self.state = state
        self.inbox = inbox
        self.terminal = terminal
        self.performer = performer
        self.update = update
        self.render = render
        self.theme = theme
        self.revision = revision
    }

    /// Runs until the program quits or a termination signal arrives; returns the exit status.
    /// `start`: effects to carry out first (a program's first fetch or clock).
    public func run(start: [ProgramEffect<Command>] = []) -> Int32 {
        defer { tasks.cancelAll() }
        apply(start)
        while true {
            if let status = step() { return status }
            waitForActivity(timeoutMilliseconds: nextTimeout())
        }
    }

    /// One pass of the loop without waiting: input, inbox, update, effects, frame.
    /// Returns the exit status once the program has asked to stop.
    @discardableResult
    public func step(now: ContinuousClock.Instant = .now) -> Int32? {
        for input in terminal.readAvailableInput() {
            switch input {
            case .key(.ctrl("l")):
                terminal.invalidate()
                dirty = true
            case .key(let key):
                if unansweredKeyAt == nil { unansweredKeyAt = now }
                dispatch(.keyPressed(key))
            case .mouse(let event):
                dispatch(.pointer(event, zones: onScreen?.zones(at: event.position) ?? []))
            case .resized(let size):
                pendingResize = (size, now + resizeDebounce)
            }
        }
        for item in inbox.drain() {
            switch item {
            case .message(let m): dispatch(.delivered(m))
            case .terminationRequested(let signal): exitStatus = exitStatus ?? 128 + signal
            case .windowSizeChanged: pendingResize = (terminal.windowSizeDidChange(), now + resizeDebounce)
            }
        }
        if let resize = pendingResize, now >= resize.due {
            pendingResize = nil
            terminal.invalidate()
            dirty = true
            dispatch(.resized(resize.size))
        }
        if let status = exitStatus { return status }
        if dirty, pendingResize == nil, lastFrame.map({ now - $0 >= minimumFrameInterval }) ?? true {
            let screen = render(state, terminal.size)
            terminal.present(screen, theme: theme(state))
            onScreen = screen
            framesPresented += 1
            lastFrame = now
            if let keyAt = unansweredKeyAt {
                if keyToFrame.count == 100_000 { keyToFrame.removeFirst(50_000) }
                keyToFrame.append(ContinuousClock.now - keyAt)
                unansweredKeyAt = nil
            }
            dirty = false
        }
        return nil
    }

    /// A program that keeps a revision number (`revision`) is redrawn only when a message
    /// changed it; keys and resizes always redraw.
    private func dispatch(_ event: ProgramEvent<Message>) {
        let before = revision?(state)
        apply(update(&state, event))
        if case .delivered = event, let before, revision?(state) == before { return }
        dirty = true
    }

    private func apply(_ effects: [ProgramEffect<Command>]) {
        for effect in effects {
            switch effect {
            case .quit(let status):
                exitStatus = exitStatus ?? status
            case .perform(let command):
                let performer = self.performer, inbox = self.inbox
                tasks.start { await performer.perform(command) { inbox.post($0) } }
            }
        }
    }

    /// Milliseconds until something is due, or -1 to wait for input indefinitely.
    private func nextTimeout(now: ContinuousClock.Instant = .now) -> Int32 {
        var due: ContinuousClock.Instant?
        if let resize = pendingResize { due = resize.due }
        if dirty, let last = lastFrame {
            let frameDue = last + minimumFrameInterval
            due = min(due ?? frameDue, frameDue)
        }
        guard let due else { return -1 }
        let wait = due - now
        if wait <= .zero { return 0 }
        let (seconds, attoseconds) = wait.components
        return Int32(min(60_000, seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
    }

    private func waitForActivity(timeoutMilliseconds: Int32) {
        var fds = [pollfd(fd: inbox.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        if let input = terminal.inputDescriptor { fds.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
    }
}
