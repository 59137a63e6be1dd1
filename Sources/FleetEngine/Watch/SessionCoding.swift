import Foundation

/// How the engine's messages are written down to record a session and read back to replay
/// it: JSON, keys sorted (the same message is the same bytes), non-finite numbers as words
/// (a histogram's `+Inf` bucket bound is data, not an error).
public enum SessionCoding {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return d
    }
}
