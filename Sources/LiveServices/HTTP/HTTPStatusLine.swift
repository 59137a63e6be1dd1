import Foundation
import Ingest
import NIOHTTP1

/// A non-success answer in one line: the code, its reason phrase and what the body says, if it
/// says anything short ("HTTP 503 Service Unavailable: upstream down"). The body's words come
/// from an HTML page's title or first heading, a JSON error's `error`/`message`/`detail`, or a
/// text body's first line; sanitised for the terminal and cut to a line.
public enum HTTPStatusLine {
    static let longest = 80

    public static func failure(_ status: Int, contentType: String? = nil, body: [UInt8]) -> FetchError {
        .status(status, reason(status, contentType: contentType, body: body))
    }

    /// The reason phrase and the body's words, without the code ("Service Unavailable: upstream
    /// down"). An error page whose title starts with the code ("503 Service Temporarily
    /// Unavailable") is its own reason line.
    static func reason(_ status: Int, contentType: String?, body: [UInt8]) -> String {
        let phrase = HTTPResponseStatus(statusCode: status).reasonPhrase
        guard let said = bodyWords(contentType: contentType, body: body) else { return phrase }
        let line: String
        if said.hasPrefix("\(status)") {
            let rest = said.dropFirst("\(status)".count).trimmingCharacters(in: CharacterSet(charactersIn: " -:–—|"))
            line = rest.isEmpty ? phrase : rest
        } else if said.lowercased() == phrase.lowercased() || phrase.isEmpty {
            line = phrase.isEmpty ? said : phrase
        } else {
            line = phrase + ": " + said
        }
        return line.count > longest ? String(line.prefix(longest - 1)) + "…" : line
    }

    private static func bodyWords(contentType: String?, body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(8192), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let words: String?
        if text.hasPrefix("<") || contentType?.lowercased().contains("html") == true {
            words = element("title", in: text) ?? element("h1", in: text) ?? stripped(text)
        } else if text.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            words = ["error", "message", "detail", "reason"].lazy.compactMap { object[$0] as? String }.first
        } else {
            words = text.split(whereSeparator: \.isNewline).first.map(String.init)
        }
        let clean = words.map { TerminalSanitizer.sanitize(collapsed($0)) }
        return clean?.isEmpty == false ? clean : nil
    }

    /// The text inside the first `<name …>…</name>`, tags and entities stripped.
    private static func element(_ name: String, in html: String) -> String? {
        guard let open = html.range(of: "<\(name)", options: .caseInsensitive), let openEnd = html[open.upperBound...].firstIndex(of: ">"),
              let close = html.range(of: "</\(name)", options: .caseInsensitive, range: openEnd..<html.endIndex) else { return nil }
        return stripped(String(html[html.index(after: openEnd)..<close.lowerBound]))
    }

    /// HTML as text: tags removed, the common entities decoded.
    private static func stripped(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    private static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
