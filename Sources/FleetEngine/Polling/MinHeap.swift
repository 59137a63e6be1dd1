/// A binary min-heap in an array: `push` and `popMin` cost O(log n), `min` O(1), building from
/// an unordered array O(n). Elements that compare equal come out in no particular order, so an
/// element type that wants repeatable results orders totally (the poll schedule's nodes break
/// ties by target).
struct MinHeap<Element: Comparable & Sendable>: Sendable {
    private(set) var elements: [Element]

    init() { elements = [] }

    /// Heapifies `unordered` in place (Floyd's method, O(n)).
    init(unordered: [Element]) {
        elements = unordered
        var i = elements.count / 2
        while i > 0 {
            i -= 1
            siftDown(from: i)
        }
    }

    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }
    var min: Element? { elements.first }

    mutating func push(_ element: Element) {
        elements.append(element)
        siftUp(from: elements.count - 1)
    }

    @discardableResult
    mutating func popMin() -> Element? {
        guard let last = elements.popLast() else { return nil }
        guard !elements.isEmpty else { return last }
        let top = elements[0]
        elements[0] = last
        siftDown(from: 0)
        return top
    }

    private mutating func siftUp(from index: Int) {
        var child = index
        let moving = elements[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard moving < elements[parent] else { break }
            elements[child] = elements[parent]
            child = parent
        }
        elements[child] = moving
    }

    private mutating func siftDown(from index: Int) {
        var parent = index
        let moving = elements[parent]
        let n = elements.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { break }
            let right = left + 1
            let smaller = right < n && elements[right] < elements[left] ? right : left
            guard elements[smaller] < moving else { break }
            elements[parent] = elements[smaller]
            parent = smaller
        }
        elements[parent] = moving
    }
}
