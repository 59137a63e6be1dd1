import Foundation

/// The real captures and the OpenMetrics conformance suite in `../shared/corpus` beside the
/// repository. They are never copied into the repo. Tests that need them skip when the folder
/// is missing on a developer machine, and fail with a clear message under `CI=true`.
public enum SharedCorpus {
    public static var directory: URL {
        BuildProducts.packageRoot().deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    /// Whether the tests that need the corpus should run: it exists, or we are in CI (where its
    /// absence must fail loudly, not skip).
    public static var shouldRun: Bool { TestEnvironment.shouldRun(needing: isPresent) }

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The bytes of a corpus file; throws a clear error if the corpus is missing.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(description: "\(url.path) is missing: the shared corpus must sit beside the repository at ../shared/corpus")
        }
        return [UInt8](data)
    }

    public static func url(_ relativePath: String) throws -> URL {
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(description: "\(url.path) is missing: the shared corpus must sit beside the repository at ../shared/corpus")
        }
        return url
    }
}
