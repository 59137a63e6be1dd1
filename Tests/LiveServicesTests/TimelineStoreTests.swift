import FleetEngine
import Foundation
import LiveServices
import Monitoring
import TestLanes
import Testing

/// The persisted timeline on disk: appended and read back in time order, a torn last line
/// skipped and counted (and not glued to the next append), one file per context, mode 0600,
/// bounded by compaction.
@Suite(.lane(.compute)) struct TimelineStoreTests {
    static func directory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func note(_ text: String, at t: Double, chute: String = "llm") -> TimelineRecord {
        .event(FleetEvent(time: t, chute: chute, kind: .note(text: text)))
    }

    @Test func readsBackInTimeOrderKeepingTheFileOrderForOneTime() throws {
        let store = TimelineStore(path: try Self.directory() + "/t.jsonl")
        try store.append([Self.note("b", at: 20), Self.note("c", at: 20)])
        try store.append([Self.note("a", at: 10), .minute(ChuteMinute(chute: "llm", minute: 0, requestRate: 1, errorRatio: 0))])
        let loaded = store.load()
        #expect(loaded.skippedLines == 0)
        #expect(loaded.records.map(\.time) == [0, 10, 20, 20])
        #expect(loaded.events.map { if case .note(let t) = $0.kind { t } else { "" } } == ["a", "b", "c"])
    }

    @Test func aTornLastLineIsSkippedAndCountedAndTheNextAppendStartsAfreshLine() throws {
        let path = try Self.directory() + "/t.jsonl"
        let store = TimelineStore(path: path)
        try store.append([Self.note("kept", at: 1)])
        // A crash mid-write: half a record, no newline.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"e":{"chute":"llm","kind":{"note":{"te"#.utf8))
        handle.closeFile()
        var loaded = store.load()
        #expect(loaded.skippedLines == 1)
        #expect(loaded.records.count == 1)
        try store.append([Self.note("after", at: 2)])
        loaded = store.load()
        #expect(loaded.skippedLines == 1)
        #expect(loaded.records.count == 2, "the new record was glued to the torn line")
    }

    @Test func eachContextHasItsOwnFile() throws {
        let env = ["XDG_STATE_HOME": try Self.directory(), "HOME": "/nonexistent"]
        let staging = TimelineStore(context: "staging", environment: env)
        let prod = TimelineStore(context: "prod/eu", environment: env)
        let sneaky = TimelineStore(context: "..", environment: env)
        #expect(staging.path == env["XDG_STATE_HOME"]! + "/chutetop/timeline/staging.jsonl")
        #expect(prod.path.hasSuffix("/chutetop/timeline/prod%2Feu.jsonl"))
        #expect(sneaky.path.hasSuffix("/chutetop/timeline/%2E%2E.jsonl"))
        try staging.append([Self.note("s", at: 1)])
        try prod.append([Self.note("p", at: 1)])
        #expect(staging.load().records == [Self.note("s", at: 1)])
        #expect(prod.load().records == [Self.note("p", at: 1)])
        #expect(sneaky.load().records.isEmpty)
    }

    @Test func theFileIsPrivateAndAFileOpenToOthersIsRefused() throws {
        let path = try Self.directory() + "/t.jsonl"
        let store = TimelineStore(path: path)
        try store.append([Self.note("x", at: 1)])
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: TimelineStore.Failure.self) { try store.append([Self.note("y", at: 2)]) }
    }

    @Test func pastItsBoundTheNewestHalfIsKept() throws {
        let path = try Self.directory() + "/t.jsonl"
        let store = TimelineStore(path: path, maxBytes: 4096)
        for k in 0..<200 { try store.append([Self.note("note number \(k)", at: Double(k))]) }
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size <= 4096)
        let loaded = store.load()
        #expect(loaded.skippedLines == 0)
        #expect(loaded.records.last == Self.note("note number 199", at: 199))
        #expect(loaded.records.count > 20)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }
}
