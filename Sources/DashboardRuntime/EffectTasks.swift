import Synchronization

/// The running effect tasks, so shutdown can cancel every one of them. A task removes itself
/// when it finishes.
final class EffectTasks: Sendable {
    private let tasks = Mutex<(next: Int, running: [Int: Task<Void, Never>])>((0, [:]))

    func start(_ work: @escaping @Sendable () async -> Void) {
        tasks.withLock { state in
            let id = state.next
            state.next += 1
            state.running[id] = Task.detached { [weak self] in
                await work()
                self?.finished(id)
            }
        }
    }

    func cancelAll() {
        let running = tasks.withLock { state in
            defer { state.running.removeAll() }
            return Array(state.running.values)
        }
        running.forEach { $0.cancel() }
    }

    private func finished(_ id: Int) { _ = tasks.withLock { $0.running.removeValue(forKey: id) } }
}
