import Foundation
import Ingest
import Monitoring
import Synchronization

/// Exposition parsers reused across scrapes, so metric names and label sets are interned once
/// (the parser's fast path) and shared by every instance of a fleet, whose pages name the same
/// things. A parser is used by one scrape at a time; there are never more parsers than scrapes
/// that ran at once.
final class ParserPool: Sendable {
    private let free = Mutex<[UncheckedParser]>([])
    private let options: ExpositionParser.Options

    /// `options`: e.g. a family filter, so samples nothing derives from are not built.
    init(options: ExpositionParser.Options = .init()) { self.options = options }

    /// Parses the body where it lies (a kept connection's buffer).
    func parse(_ body: UnsafeBufferPointer<UInt8>, contentType: String?) -> ExpositionPage {
        let parser = free.withLock { $0.popLast() } ?? UncheckedParser(ExpositionParser(options: options))
        let page = parser.parser.parse(body, contentType: contentType)
        free.withLock { $0.append(parser) }
        return page
    }
}

/// A parser handed between tasks one at a time (never shared concurrently).
private final class UncheckedParser: @unchecked Sendable {
    let parser: ExpositionParser
    init(_ parser: ExpositionParser) { self.parser = parser }
}
