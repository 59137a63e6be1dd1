/// Durations and sizes as the config writes them.
enum ConfigUnits {
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        if let plain = Double(text), plain.isFinite { return plain }
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let v = Double(text.dropLast(suffix.count)), v.isFinite, v >= 0 { return v * factor }
        }
        return nil
    }

    static func bytes(_ text: String) -> Int? {
        let units: [(String, Double)] = [("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("KB", 1000), ("MB", 1e6), ("GB", 1e9), ("B", 1)]
        if let plain = Int(text) { return plain }
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let v = Double(String(text.dropLast(suffix.count)).trimmedSpaces), v.isFinite, v >= 0, v * factor < 1e15 { return Int(v * factor) }
        }
        return nil
    }

    static func describe(_ seconds: Double) -> String {
        seconds >= 3600 && seconds.truncatingRemainder(dividingBy: 3600) == 0 ? "\(Int(seconds / 3600))h"
            : seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m"
            : seconds >= 1 ? "\(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds))s"
            : "\(Int((seconds * 1000).rounded()))ms"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
