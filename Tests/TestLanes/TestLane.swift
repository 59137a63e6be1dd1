import Synchronization
import Testing

/// How many of a kind of test run at once in the one test process. Swift Testing starts every
/// test at once; on a two-core machine the pure computations then hold both threads of the
/// process's cooperative pool for seconds, and the tests with servers, child processes and
/// deadlines starve: a loopback server answered after its client's 2 s deadline, a reset came
/// after a read timeout, a 10 s engine run got a third of its rounds (each fresh-clone run of
/// 2026-11-29/30 failed a different such test). So every suite names its lane:
///
/// - `.lane(.compute)`: tests that only compute (parsers, view models, layouts): one at a time,
///   so at most one pool thread is busy with them;
/// - `.lane(.live)`: tests with loopback servers, child processes, terminals or deadlines: three
///   at a time, so what they wait for answers within its deadline.
///
/// A test inside a suite of another lane takes no second place (it already holds one).
public enum TestLane: Sendable {
    case compute, live

    var gate: LaneGate {
        switch self {
        case .compute: LaneGate.compute
        case .live: LaneGate.live
        }
    }
}

public struct LaneTrait: SuiteTrait, TestTrait, TestScoping {
    let lane: TestLane
    public var isRecursive: Bool { true }

    @TaskLocal static var holding = false

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        if Self.holding { return try await function() }
        let gate = lane.gate
        await gate.enter()
        defer { gate.leave() }
        try await Self.$holding.withValue(true) { try await function() }
    }
}

extension Trait where Self == LaneTrait {
    /// The lane this suite's tests run in (see `TestLane`).
    public static func lane(_ lane: TestLane) -> Self { LaneTrait(lane: lane) }
}

/// A counting gate tests wait at without holding a thread: the first `width` enter at once,
/// the rest in the order they came as places are left.
final class LaneGate: Sendable {
    static let compute = LaneGate(width: 1)
    static let live = LaneGate(width: 3)

    private let state: Mutex<(free: Int, waiting: [CheckedContinuation<Void, Never>])>

    init(width: Int) { state = Mutex((width, [])) }

    func enter() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                guard s.free == 0 else {
                    s.free -= 1
                    return true
                }
                s.waiting.append(waiter)
                return false
            }
            if now { waiter.resume() }
        }
    }

    func leave() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.waiting.isEmpty else {
                s.free += 1
                return nil
            }
            return s.waiting.removeFirst()
        }
        next?.resume()
    }
}
