/// JSON's one-character escapes (RFC 8259 §7), shared by the hand-written readers
/// (`PrometheusReplyScanner`, `FlatJSONObject`); `\u` is each reader's own business.
enum JSONEscapes {
    /// The byte `\` followed by `e` stands for, or nil when `e` is not a one-character escape.
    static func byte(after e: UInt8) -> UInt8? {
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): e
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }
}
