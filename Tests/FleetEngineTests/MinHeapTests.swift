import TestLanes
import Testing
@testable import FleetEngine

/// The binary min-heap under the poll schedule.
@Suite(.lane(.compute)) struct MinHeapTests {
    @Test func popsInAscendingOrderWhetherPushedOrHeapified() {
        var rng = SeededGenerator(seed: 9)
        let values = (0..<2_000).map { _ in Int.random(in: -500...500, using: &rng) }
        var pushed = MinHeap<Int>()
        for v in values { pushed.push(v) }
        var built = MinHeap(unordered: values)
        var a: [Int] = [], b: [Int] = []
        while let v = pushed.popMin() { a.append(v) }
        while let v = built.popMin() { b.append(v) }
        #expect(a == values.sorted())
        #expect(b == values.sorted())
        #expect(pushed.isEmpty && built.min == nil)
    }

    @Test func interleavedPushesAndPopsKeepTheMinimumOnTop() {
        var rng = SeededGenerator(seed: 11)
        var heap = MinHeap<Double>()
        var model: [Double] = []
        for _ in 0..<5_000 {
            if model.isEmpty || Int.random(in: 0..<3, using: &rng) > 0 {
                let v = Double(Int.random(in: 0..<100, using: &rng))
                heap.push(v)
                model.append(v)
            } else {
                let m = model.min()!
                model.remove(at: model.firstIndex(of: m)!)
                #expect(heap.popMin() == m)
            }
            #expect(heap.min == model.min())
            #expect(heap.count == model.count)
        }
    }
}
