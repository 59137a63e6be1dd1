import Glibc
import Synchronization

/// Where background tasks and signal handlers post to the loop. Posting writes one byte to a
/// wake-up pipe, so the loop, blocked in poll(2), wakes at once and idles at zero cost.
public final class RuntimeInbox<Message: Sendable>: Sendable {
    enum Item: Sendable {
        case message(Message)
        case terminationRequested(signal: Int32)
        case windowSizeChanged
    }

    private let items = Mutex<[Item]>([])
    /// Read end, for poll(2).
    let wakeDescriptor: Int32
    private let wakeWriter: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeDescriptor = fds[0]
        wakeWriter = fds[1]
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriter)
    }

    public func post(_ message: Message) { enqueue(.message(message)) }

    /// SIGINT / SIGTERM / SIGHUP: the loop ends cleanly with status 128 + signal.
    public func requestTermination(signal: Int32) { enqueue(.terminationRequested(signal: signal)) }

    /// SIGWINCH: the loop asks the terminal for its new size.
    public func noteWindowSizeChanged() { enqueue(.windowSizeChanged) }

    func drain() -> [Item] {
        var byte: UInt8 = 0
        while read(wakeDescriptor, &byte, 1) == 1 {}
        return items.withLock { q in
            defer { q.removeAll() }
            return q
        }
    }

    private func enqueue(_ item: Item) {
        items.withLock { $0.append(item) }
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }
}
