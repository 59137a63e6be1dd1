import Glibc
import Synchronization

/// Where background tasks and signal handlers post to the loop. Posting writes one byte to a
/// wake-up pipe, so the loop, blocked in poll(2), wakes at once and idles at zero cost.
///
/// A program may give a `coalesce` function: a message posted while an earlier one it can be
/// merged into still waits for the loop is merged there instead of queued (the dashboard
/// merges log batches of one stream, keeping the newest lines and counting the rest), so what
/// waits stays bounded while the loop is held up (a terminal stopped with ctrl-S, a slow
/// frame) however fast messages come.
public final class RuntimeInbox<Message: Sendable>: Sendable {
    /// Merges `next` into `queued` and answers true, or answers false to queue `next` as well.
    public typealias Coalesce = @Sendable (_ queued: inout Message, _ next: Message) -> Bool
    enum Item: Sendable {
        case message(Message)
        case terminationRequested(signal: Int32)
        case windowSizeChanged
    }

    private let items = Mutex<[Item]>([])
    /// Read end, for poll(2).
    let wakeDescriptor: Int32
    private let wakeWriter: Int32
    private let coalesce: Coalesce?

    public init(coalesce: Coalesce? = nil) {
        self.coalesce = coalesce
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

    public func post(_ message: Message) {
        if let coalesce {
            let merged = items.withLock { q in
                for k in q.indices.reversed() {
                    guard case .message(var queued) = q[k] else { continue }
                    if coalesce(&queued, message) {
                        q[k] = .message(queued)
                        return true
                    }
                }
                return false
            }
            if merged { return }  // the loop is already woken for the queued message
        }
        enqueue(.message(message))
    }

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
