/// A structured log line's usual shape read in one pass: a JSON object whose values are all
/// strings, numbers, booleans or null. Each value comes back as the text Foundation's
/// `JSONSerialization` path shows it (a string unescaped; an integer as written, `-0` as `0`; a
/// number with a fraction or exponent as the `Double` it denotes; `true`, `false`, `null`), so
/// the fast path and the general one say the same. Anything else (a nested object or array, a
/// lone surrogate escape, a number beyond 64 bits) is `.other`: the caller reads the line with
/// the general parser, which also decides whether text that is not JSON is an error.
enum FlatJSONObject {
    struct Field {
        var key: String
        var text: String
        /// The value when it was a JSON number.
        var number: Double?
    }

    enum Reading {
        case fields([Field])
        case other
    }

    static func read(_ line: Substring) -> Reading {
        if let reading = line.utf8.withContiguousStorageIfAvailable({ read($0) }) { return reading }
        return Array(line.utf8).withUnsafeBufferPointer { read($0) }
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        var scanner = Scanner(bytes: bytes)
        guard let fields = scanner.object(), scanner.atEnd else { return .other }
        return .fields(fields)
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return i == bytes.count
            }
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func object() -> [Field]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var fields: [Field] = []
            if take(UInt8(ascii: "}")) { return fields }
            repeat {
                skipSpace()
                guard let key = string(), take(UInt8(ascii: ":")), let (text, number) = value() else { return nil }
                fields.append(Field(key: key, text: text, number: number))
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? fields : nil
        }

        mutating func value() -> (String, Double?)? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map { ($0, nil) }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil  // an object, an array, or not JSON
            }
        }

        mutating func literal(_ word: StaticString) -> (String, Double?)? {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard i + w.count <= bytes.count, bytes[i..<i + w.count].elementsEqual(w) else { return nil }
            i += w.count
            return (word.description, nil)
        }

        /// RFC 8259's number grammar; the text as `JSONSerialization`'s NSNumber spells it.
        mutating func number() -> (String, Double?)? {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return nil }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
            var integral = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integral = false
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { return nil }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            let mantissaEnd = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integral = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { return nil }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { return nil }
            if !integral {
                // Beyond 15 digits Foundation keeps a fraction's digits exactly (a Decimal:
                // "1234567890123456.0" reads as 1234567890123456) where a Double would round
                // them: such a number is left to the general parser (the fuzzer's find).
                guard bytes[start..<mantissaEnd].lazy.filter(isDigit).count <= 15 else { return nil }
                return (value.description, value)
            }
            // Integers as written, within 64 bits (NSNumber's range); "-0" is 0.
            guard Int64(text) != nil || UInt64(text) != nil else { return nil }
            return (text == "-0" ? "0" : text, value)
        }

        /// A JSON string, unescaped; nil at a raw control character, a bad escape or a lone
        /// surrogate (left to the general parser).
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            guard bytes[i] == UInt8(ascii: "\\") else { return nil }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                guard b >= 0x20 else { return nil }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    i += 1
                    continue
                }
                guard i + 1 < bytes.count else { return nil }
                let e = bytes[i + 1]
                i += 2
                if let byte = JSONEscapes.byte(after: e) {
                    out.append(byte)
                    continue
                }
                guard e == UInt8(ascii: "u") else { return nil }
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let b = bytes[i + k]
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }

        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    }
}
