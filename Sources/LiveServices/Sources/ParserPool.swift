import Foundation
import Ingest
import Monitoring
import Synchronization

/// One exposition parser per instance, reused across scrapes so names and label sets are
/// interned once (the parser's fast path). The schedule never polls one target twice at once;
/// a parser is taken out while in use all the same.
final class ParserPool: Sendable {
    private let parsers = Mutex<[InstanceKey: UncheckedParser]>([:])

    func parse(_ key: InstanceKey, _ body: [UInt8], contentType: String?) -> ExpositionPage {
        let parser = parsers.withLock { $0.removeValue(forKey: key) } ?? UncheckedParser(ExpositionParser())
        let page = parser.parser.parse(body, contentType: contentType)
        parsers.withLock { $0[key] = parser }
        return page
    }
}

/// A parser handed between tasks one at a time (never shared concurrently).
private final class UncheckedParser: @unchecked Sendable {
    let parser: ExpositionParser
    init(_ parser: ExpositionParser) { self.parser = parser }
}

extension ParserPool {
    /// Drops the parsers of instances that are gone.
    func retain(_ keys: Set<InstanceKey>) {
        parsers.withLock { p in for k in p.keys where !keys.contains(k) { p[k] = nil } }
    }
}
