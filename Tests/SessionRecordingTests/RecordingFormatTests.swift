import FleetEngine
import Foundation
import Monitoring
import TestSupport
import TestLanes
import Testing
@testable import SessionRecording

/// The recording file: what is written reads back the same; a file cut off mid-frame reads up
/// to the cut; anything else that is not a whole recording is refused with the reason.
@Suite(.lane(.compute)) struct RecordingFormatTests {
    let messages = SyntheticSession.messages(seconds: 60)

    @Test func aRecordingReadsBackTheSameMessagesAndHeader() throws {
        let (bytes, starts) = try SyntheticSession.recording(messages)
        let r = try SessionRecording(bytes: bytes)
        #expect(r.header == SyntheticSession.header())
        #expect(r.frames.count == starts.count && r.frames.count > 30, "a frame a second")
        #expect(r.cut == nil)
        let read = try (0..<r.frames.count).flatMap { try r.messages(inFrame: $0) }
        #expect(read.map(\.message) == messages)
        #expect(r.end == messages.last?.time)
        #expect(r.frame(atOrBefore: 999) == nil)
        #expect(r.frame(atOrBefore: 1030.2).map { r.frames[$0].first <= 1030.2 && r.frames[$0].last >= 1029 } == true)
    }

    /// Frames are written against the frames before them in their minute: read in any order,
    /// each holds what was recorded.
    @Test func framesReadInAnyOrderHoldWhatWasRecorded() throws {
        let long = SyntheticSession.messages(seconds: 200)
        let r = try SessionRecording(bytes: SyntheticSession.recording(long).bytes)
        let inOrder = try (0..<r.frames.count).map { try r.messages(inFrame: $0) }
        #expect(inOrder.flatMap { $0 }.map(\.message) == long)
        #expect((0..<r.frames.count).filter(r.startsGroup).count == 2, "a group every five minutes of the clock: 900, 1200")
        let n = r.frames.count
        let scattered = (0..<n).sorted { ($0 * 37) % n < ($1 * 37) % n }  // 0, 27, 54, …: jumps across groups
        for k in scattered + (0..<n).reversed() {
            #expect(try r.messages(inFrame: k) == inOrder[k], "frame \(k)")
        }
    }

    /// `Fixtures/recordings/synthetic.chuterec` (the fuzzer's seed): eight seconds of the
    /// synthetic session, as this version writes it. `CHUTETOP_RECORD_FIXTURES=1` writes it anew.
    @Test func theFixtureRecordingIsThisVersionsRecordingOfTheSyntheticSession() throws {
        let path = BuildProducts.packageRoot().appendingPathComponent("Fixtures/recordings/synthetic.chuterec").path
        let short = SyntheticSession.messages(seconds: 8)
        if ProcessInfo.processInfo.environment["CHUTETOP_RECORD_FIXTURES"] == "1" {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(SyntheticSession.recording(short).bytes).write(to: URL(fileURLWithPath: path))
        }
        let stored = try #require(FileManager.default.contents(atPath: path), "no \(path): run with CHUTETOP_RECORD_FIXTURES=1")
        #expect(stored.count < 8192, "a seed the fuzzer reads whole (-max_len=8192)")
        // (Not compared byte for byte: a dictionary's keys are written in each process's order.)
        let r = try SessionRecording(bytes: [UInt8](stored))
        #expect(try (0..<r.frames.count).flatMap { try r.messages(inFrame: $0) }.map(\.message) == short,
                "the fixture is not this version's recording of the synthetic session: run with CHUTETOP_RECORD_FIXTURES=1")
    }

    @Test func aRecordingCutOffInsideItsLastFrameReadsUpToTheCut() throws {
        let (bytes, starts) = try SyntheticSession.recording(messages)
        let last = try #require(starts.last)
        let whole = try SessionRecording(bytes: bytes)
        let kept = whole.frames.dropLast().reduce(0) { $0 + $1.count }
        // Inside the mark, the frame's fields, its payload, and one byte short of whole.
        for cut in [last + 2, last + 20, last + 40, (last + bytes.count) / 2, bytes.count - 1] {
            let r = try SessionRecording(bytes: Array(bytes.prefix(cut)))
            #expect(r.frames.count == starts.count - 1, "cut at \(cut)")
            #expect(r.cut?.contains("cut off inside a frame at byte \(last)") == true, "\(r.cut ?? "no cut")")
            let read = try (0..<r.frames.count).flatMap { try r.messages(inFrame: $0) }
            #expect(read.map(\.message) == Array(messages.prefix(kept)))
        }
        // Cut at a frame's edge: nothing is missing from the frames it holds.
        let edge = try SessionRecording(bytes: Array(bytes.prefix(last)))
        #expect(edge.cut == nil && edge.frames.count == starts.count - 1)
    }

    @Test func randomBytesAreRefusedAsForeign() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 3, 17, 4096, 100_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect { try SessionRecording(bytes: bytes) } throws: { error in
                (error as? RecordingError)?.description.contains("not a chutetop recording") == true
            }
        }
        #expect(throws: RecordingError.self) { try SessionRecording(bytes: Array("{\"chutes\": []}\n".utf8)) }
    }

    @Test func randomBytesAfterAGoodHeaderAreCorruptionNotACrash() throws {
        let header = try RecordingFormat.fileHeader(SyntheticSession.header())
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let tail = (0..<Int.random(in: 40...5000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect { try SessionRecording(bytes: header + tail) } throws: { error in
                (error as? RecordingError)?.description.contains("corrupt at byte \(header.count)") == true
            }
        }
    }

    @Test func aDamagedFrameIsRefusedWithWhereItIs() throws {
        let (bytes, starts) = try SyntheticSession.recording(messages)
        for (offset, what) in [(starts[3] + 50, "a payload byte"), (starts[3] + 18, "a time"), (starts[3] + 1, "the frame mark")] {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            #expect(throws: RecordingError.self, "\(what)") { try SessionRecording(bytes: damaged) }
            do { _ = try SessionRecording(bytes: damaged) } catch {
                #expect(error.description.contains("corrupt at byte \(starts[3])"), "\(what): \(error)")
            }
        }
        var header = bytes
        header[RecordingFormat.fileHeaderSize + 5] ^= 0x01
        #expect { try SessionRecording(bytes: header) } throws: { ($0 as? RecordingError)?.description.contains("header is corrupt") == true }
    }

    @Test func anotherVersionIsRefusedNamingBoth() throws {
        var (bytes, _) = try SyntheticSession.recording(messages)
        bytes[8] = 9
        #expect { try SessionRecording(bytes: bytes) } throws: { error in
            (error as? RecordingError)?.description == "recording format version 9; this chutetop reads version 2"
        }
    }

    @Test func timesAreReadAsAnOperatorWritesThem() {
        let start = 1_764_470_000.0  // 2025-11-30T02:33:20Z
        #expect(RecordingTime.parse("1764470100") == 1_764_470_100)
        #expect(RecordingTime.parse("1764470100.5") == 1_764_470_100.5)
        #expect(RecordingTime.parse("2025-11-30T02:35:00Z") == 1_764_470_100)
        #expect(RecordingTime.parse("2025-11-30T03:35:00+01:00") == 1_764_470_100)
        #expect(RecordingTime.parse("2025-11-30T02:35:00.250Z") == 1_764_470_100.25)
        #expect(RecordingTime.parse("+100", start: start) == 1_764_470_100)
        #expect(RecordingTime.parse("+1m40s", start: start) == 1_764_470_100)
        #expect(RecordingTime.parse("02:35", start: start) == 1_764_470_100)
        #expect(RecordingTime.parse("02:35:00", start: start) == 1_764_470_100)
        #expect(RecordingTime.parse("yesterday", start: start) == nil)
        #expect(RecordingTime.parse("25:00", start: start) == nil)
        #expect(RecordingTime.parse("+1x", start: start) == nil)
        #expect(RecordingTime.clock(1_764_470_100) == "02:35:00")
        #expect(RecordingTime.span(3723) == "1:02:03" && RecordingTime.span(123) == "2:03")
    }
}
