// One libFuzzer entry point; CHUTETOP_FUZZ_TARGET chooses the decoder:
// exposition (text / OpenMetrics / strict, by the first byte), health, logs, sse, sanitizer,
// api (the control API, Chutes API, Prometheus and Alertmanager JSON replies, by the first
// byte), config, runbook, theme, scenario (the operator's files), recording (`chutetop replay`'s
// input).
import Dashboard
import Foundation
import Ingest
import SessionRecording
import SimulatorScenarios
import TerminalUI

enum Target: String { case exposition, health, logs, sse, sanitizer, api, config, runbook, theme, scenario, recording }

let target = Target(rawValue: ProcessInfo.processInfo.environment["CHUTETOP_FUZZ_TARGET"] ?? "") ?? .exposition
// libFuzzer calls the entry point from one thread only.
nonisolated(unsafe) let reusedParser = ExpositionParser()

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch target {
    case .exposition:
        let mode = bytes.first ?? 0
        let body = Array(bytes.dropFirst())
        let options = ExpositionParser.Options(format: mode & 1 == 0 ? .text : .openMetrics, strict: mode & 2 != 0)
        let page = (mode & 4 != 0 ? reusedParser : ExpositionParser(options: options)).parse(body)
        precondition(page.samples.allSatisfy { $0.line >= 1 }, "sample without a line")
        precondition(page.issues.count <= body.count + 2, "more issues than bytes")
    case .health:
        let code = size > 0 ? 100 + Int(bytes[0]) * 2 : nil
        _ = HealthDecoder.decode(statusCode: code, body: Array(bytes.dropFirst()))
    case .logs:
        let line = String(decoding: bytes, as: UTF8.self)
        let entry = LogDecoder.decode(line).entry
        precondition(entry == LogDecoder.decode(line, flatJSONFastPath: false).entry, "the flat JSON fast path differs from Foundation's")
        let shown = LogLineFormat.line(entry)
        precondition(!shown.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }, "control character shown")
    case .sse:
        var decoder = ServerSentEventDecoder(maxEventBytes: 4096)
        let cut = size / 2
        for event in decoder.feed(bytes[..<cut]) + decoder.feed(bytes[cut...]) {
            _ = ChutesLogFrame.decode(event)
            // The cap counts bytes received; each invalid one reads as U+FFFD (3 bytes of UTF-8).
            precondition(event.data.utf8.count <= 3 * 4096, "oversized event passed")
        }
    case .sanitizer:
        let out = TerminalSanitizer.sanitize(bytes)
        precondition(!out.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || (0x202A...0x202E).contains($0.value) },
                     "control character survived")
    case .api:
        let body = Array(bytes.dropFirst()), data = Data(body)
        switch (bytes.first ?? 0) % 10 {
        case 0: _ = try? ControlAPI.chutes(body)
        case 1: _ = try? ControlAPI.chute(body)
        case 2: _ = try? ChutesAPI.chutePage(data)
        case 3: _ = try? ChutesAPI.chute(data)
        case 4: _ = try? ChutesAPI.utilization(data)
        case 5: _ = try? ChutesAPI.quickWarmup(data)
        case 6: _ = try? PrometheusAPI.decode(data)
        case 7: _ = try? AlertmanagerAPI.alerts(data)
        case 8: _ = try? AlertmanagerAPI.silences(data)
        default: _ = try? AlertmanagerAPI.createdSilence(data)
        }
    case .config:
        // A config error is one printable line (the CLI prints it as is).
        do { _ = try ConfigParser.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml") } catch {
            precondition(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "config error not one printable line")
        }
    case .runbook:
        _ = try? RunbookParser.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
    case .theme:
        _ = try? ThemeParser.parse(String(decoding: bytes, as: UTF8.self), origin: "fuzz.theme")
    case .recording:
        // Read whole or refused with the reason; then every frame, last first (each read from
        // its group's first), decodes or says why: never a trap.
        if let r = try? SessionRecording(bytes: bytes) {
            for k in r.frames.indices.reversed() { _ = try? r.messages(inFrame: k) }
        }
    case .scenario:
        if let s = try? ScenarioParser.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.scenario") {
            precondition(zip(s.events, s.events.dropFirst()).allSatisfy { $0.at <= $1.at }, "events out of time order")
            precondition(s.events.allSatisfy { $0.at.isFinite && $0.at >= 0 }, "an event at a time that is not a time")
        }
    }
    return 0
}
