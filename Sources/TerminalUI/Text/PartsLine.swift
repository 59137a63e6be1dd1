/// A line of parts joined by a separator that fits its width by saying less, least important
/// first: ranked parts say their short form (lowest rank first), then ranked parts are left
/// out (lowest rank first; the rightmost of equal ranks first), then parts always kept say
/// their short form. Room left over then takes back what was left out (in its short form) and
/// long forms, most important first. The order of the parts never changes; when the parts
/// always kept are too wide on their own, the line is cut at its end.
public enum PartsLine {
    public struct Part: Sendable, Hashable {
        public var text: String
        public var short: String?
        /// Lower gives way first; nil: always kept (its short form is said only when every
        /// ranked part has given way).
        public var rank: Int?

        public init(_ text: String, short: String? = nil, rank: Int? = nil) {
            self.text = text
            self.short = short
            self.rank = rank
        }
    }

    public static func fit(_ parts: [Part], separator: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        var shown: [String?] = parts.map(\.text)
        let separatorWidth = DisplayWidth.of(separator)
        func fits() -> Bool {
            let present = shown.compactMap { $0 }
            return present.reduce(0) { $0 + DisplayWidth.of($1) } + separatorWidth * max(0, present.count - 1) <= width
        }
        // Least important first: lowest rank, the rightmost of equal ranks; always kept last.
        let order = parts.indices.sorted { a, b in
            let (ra, rb) = (parts[a].rank ?? .max, parts[b].rank ?? .max)
            return ra != rb ? ra < rb : a > b
        }
        let ranked = order.filter { parts[$0].rank != nil }, kept = order.filter { parts[$0].rank == nil }
        for i in ranked where !fits() { shown[i] = parts[i].short ?? parts[i].text }
        var left: [Int] = []
        for i in ranked where !fits() {
            shown[i] = nil
            left.append(i)
        }
        for i in kept where !fits() { shown[i] = parts[i].short ?? parts[i].text }
        // Room to spare: what was left out comes back, then long forms, most important first.
        for i in left.reversed() {
            shown[i] = parts[i].short ?? parts[i].text
            if !fits() { shown[i] = nil }
        }
        for i in order.reversed() where shown[i] != nil && shown[i] != parts[i].text {
            let short = shown[i]
            shown[i] = parts[i].text
            if !fits() { shown[i] = short }
        }
        return TextFitting.truncate(shown.compactMap { $0 }.joined(separator: separator), toWidth: width, ellipsis: ellipsis)
    }
}
