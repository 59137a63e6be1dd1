import Foundation
import TerminalUI

/// Reads user theme files (`*.theme`) from a directory. Each bad file is reported with its
/// file, line and role; the good ones still load.
public enum ThemeDirectory {
    public struct Loaded: Sendable {
        public var themes: [Theme]
        public var errors: [String]
    }

    /// Parses every `*.theme` file in `path`, sorted by file name.
    public static func load(from path: String) -> Loaded {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { $0.hasSuffix(".theme") }.sorted()
        } catch {
            return Loaded(themes: [], errors: ["\(path): cannot read theme directory (\(error.localizedDescription))"])
        }
        var result = Loaded(themes: [], errors: [])
        for name in names {
            let file = url.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: file) else {
                result.errors.append("\(file): cannot read file")
                continue
            }
            do {
                result.themes.append(try ThemeParser.parse(String(decoding: data, as: UTF8.self), origin: file))
            } catch {
                result.errors.append(error.description)
            }
        }
        return result
    }

    /// Loads one theme file.
    public static func loadFile(_ path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeFileError(file: path, line: 0, role: nil, message: "cannot read file")
        }
        return try ThemeParser.parse(String(decoding: data, as: UTF8.self), origin: path)
    }
}
