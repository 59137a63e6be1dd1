/// A line of parts joined by a separator that fits its width by saying less, least important
/// first: every part with a short form says it (in rank order), then ranked parts are left
/// out, lowest rank first (the rightmost of equal ranks first), keeping the order of the rest,
/// and any left out that fit in the room the last one left are taken back.
/// Parts without a rank are always kept; when they alone are too wide the line is cut at its end.
public enum PartsLine {
    public struct Part: Sendable, Hashable {
        public var text: String
        public var short: String?
        /// Lower gives way first; nil: always kept.
        public var rank: Int?

        public init(_ text: String, short: String? = nil, rank: Int? = nil) {
            self.text = text
            self.short = short
            self.rank = rank
        }
    }

    public static func fit(_ parts: [Part], separator: String, width: Int, ellipsis: String = "…") -> String {
        var shown: [String?] = parts.map(\.text)
        let separatorWidth = DisplayWidth.of(separator)
        func line() -> String { shown.compactMap { $0 }.joined(separator: separator) }
        func fits() -> Bool {
            let present = shown.compactMap { $0 }
            return present.reduce(0) { $0 + DisplayWidth.of($1) } + separatorWidth * max(0, present.count - 1) <= width
        }
        // Lowest rank first, always-kept parts last; the rightmost of equal ranks first.
        let order = parts.indices.sorted { a, b in
            let (ra, rb) = (parts[a].rank ?? .max, parts[b].rank ?? .max)
            return ra != rb ? ra < rb : a > b
        }
        for i in order where !fits() {
            if let short = parts[i].short { shown[i] = short }
        }
        var left: [Int] = []
        for i in order where !fits() && parts[i].rank != nil {
            shown[i] = nil
            left.append(i)
        }
        // Room a part's leaving made beyond what was needed takes back a smaller one left out
        // before it (most important first).
        for i in left.reversed() {
            shown[i] = parts[i].short ?? parts[i].text
            if !fits() { shown[i] = nil }
        }
        return TextFitting.truncate(line(), toWidth: width, ellipsis: ellipsis)
    }
}
