import Dashboard
import FleetEngine
import FleetSimulator
import Foundation
import LiveServices
import Monitoring
import SessionRecording
import Synchronization

// Recording size and replay seek time (BENCHMARKS.md "Recording and replay").
//
//   swift run -c release RecordingBenchmark [--chutes 36] [--minutes 60] [--out /tmp/bench.chuterec]
//
// Part 1 records a session as `watch --record` does, on a virtual clock: the in-process
// simulator (its clock moved by hand) read over loopback HTTP by the direct source with the
// default poll settings, ticked every virtual second, the polls due at a tick carried out at
// once and answered at that moment, each message recorded through `SessionRecorder`. The peer for size: the same messages as
// JSON lines, raw and gzip -6'd as one stream (`gzip` on the file).
// Part 2 opens the recording and times seeks with the replay's tape: to the end from the start
// (no checkpoint passed yet), then back to the middle and to a minute in (checkpoints), and
// steps; the peer is the same backward seeks replayed from the start (no checkpoints).

func option(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

let chutes = Int(option("--chutes", "36"))!
let minutes = Double(option("--minutes", "60"))!
let out = option("--out", "/tmp/chutetop-recording-bench.chuterec")
let start = 1_764_460_800.0  // 2025-11-30T00:00:00Z
let now = Mutex(start)
let clock = WallClock { now.withLock { $0 } }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - t0
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

// MARK: part 1: record

try? FileManager.default.removeItem(atPath: out)
let simulator = try await InProcessSimulator.start(scenario: "steady", seed: 1, chutes: chutes, clock: { now.withLock { $0 } })
let settings = PollSettings()
let source = try DirectSource(DirectSourceConfig(controlAPI: simulator.controlAPI), settings: settings, kind: "simulator")
let setup = EngineSetup(settings: settings, names: .standard, rules: AlertRule.defaults, seed: 1, plan: source.plan)
let recorder = try SessionRecorder(path: out, header: RecordingHeader(program: "watch", context: "bench", source: "simulator", production: false,
                                                                     started: start, recordedBy: "RecordingBenchmark", engine: setup))
var state = setup.makeState()
var messages = 0, rawBytes = 0
let encoder = SessionCoding.encoder()
let jsonl = FileManager.default.createFile(atPath: out + ".jsonl", contents: nil) ? FileHandle(forWritingAtPath: out + ".jsonl") : nil
@MainActor func feed(_ m: FleetWatchMessage) -> [FleetWatchCommand] {
    recorder.record(m)
    if let line = try? encoder.encode(m) {
        rawBytes += line.count + 1
        jsonl?.write(line + Data([0x0A]))
    }
    messages += 1
    return FleetWatch.update(&state, m)
}
var instances = 0
let recordTime = try await { @MainActor () async throws -> Double in
    let t0 = ContinuousClock.now
    var commands = feed(.tick(now: start))
    while clock.now() < start + minutes * 60 {
        while !commands.isEmpty {
            let batch = commands
            commands = []
            let at = clock.now()
            let answers = await withTaskGroup(of: FleetWatchMessage?.self) { group in
                for command in batch {
                    group.addTask {
                        switch command {
                        case .list: return .listed(await source.inventory(), at: at)
                        case .poll(let target, let fleet): return .polled(target, await source.read(target, in: fleet, names: .standard), at: at)
                        case .readAlertmanager, .backfill: return nil
                        }
                    }
                }
                var all: [FleetWatchMessage] = []
                for await m in group { if let m { all.append(m) } }
                return all
            }
            for m in answers { commands += feed(m) }
        }
        // A tick a second (the dashboard's longest wake): each tick's polls run at once, so the
        // run is bound by throughput, not by one round trip per due target.
        let next = clock.now() + 1
        now.withLock { $0 = next }
        commands = feed(.tick(now: next))
        instances = state.inventory.chutes.reduce(0) { $0 + $1.instances.count }
    }
    let d = ContinuousClock.now - t0
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}()
recorder.finish()
try jsonl?.close()
await source.shutdown()
simulator.stop()
let fileBytes = recorder.bytesWritten
let gzip = Process()
gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
gzip.arguments = ["-c", "gzip -6 -c '\(out).jsonl' | wc -c"]
let pipe = Pipe()
gzip.standardOutput = pipe
try gzip.run()
gzip.waitUntilExit()
let gzipBytes = Int(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
try? FileManager.default.removeItem(atPath: out + ".jsonl")
let perHour = { (bytes: Int) in Double(bytes) / (minutes / 60) / 1e6 }
print("recorded \(Int(minutes)) min of \(chutes) chutes, \(instances) instances (default intervals: health 2 s, ready 2 s, metrics 5 s): "
      + "\(messages) messages in \(String(format: "%.0f", recordTime)) s")
print(String(format: "  chutetop recording: %.2f MB (%.2f MB/h; %.2f MB/h per 100 instances)", Double(fileBytes) / 1e6, perHour(fileBytes),
             perHour(fileBytes) * 100 / Double(max(1, instances))))
print(String(format: "  peer, JSON lines:   %.2f MB (%.2f MB/h); gzip -6 of them as one stream: %.2f MB (%.2f MB/h)",
             Double(rawBytes) / 1e6, perHour(rawBytes), Double(gzipBytes) / 1e6, perHour(gzipBytes)))

// MARK: part 2: seek

let recording = try RecordingFile.open(out)
var tape = ReplayTape(recording)
var watch = tape.firstState
let span = recording.end - recording.start
let openTime = seconds { _ = try? RecordingFile.open(out) }
let toEnd = try seconds { try tape.seek(&watch, to: recording.end) }
let toMiddle = try seconds { try tape.seek(&watch, to: recording.start + span / 2) }
let toMinute = try seconds { try tape.seek(&watch, to: recording.start + 60) }
let backToEnd = try seconds { try tape.seek(&watch, to: recording.end) }
var stepBack = 0.0, stepForward = 0.0
stepBack = try seconds { try tape.stepBack(&watch) }
stepForward = try seconds { _ = try tape.stepForward(&watch) }
var peer = ReplayTape(recording, checkpointSeconds: .infinity)
var peerWatch = peer.firstState
try peer.seek(&peerWatch, to: recording.end)
let peerMiddle = try seconds { try peer.seek(&peerWatch, to: recording.start + span / 2) }
print("seek on the \(Int(minutes))-minute recording (\(recording.frames.count) frames, \(tape.checkpointCount) checkpoints every \(Int(tape.checkpointSeconds)) s):")
print(String(format: "  open (read and check every frame): %.3f s", openTime))
print(String(format: "  start -> end, first time: %.2f s; end -> middle: %.3f s; middle -> 1 min: %.3f s; 1 min -> end: %.2f s", toEnd, toMiddle, toMinute, backToEnd))
print(String(format: "  step back one judgement: %.3f s; step forward: %.4f s", stepBack, stepForward))
print(String(format: "  peer, no checkpoints (replayed from the start): end -> middle %.2f s", peerMiddle))
