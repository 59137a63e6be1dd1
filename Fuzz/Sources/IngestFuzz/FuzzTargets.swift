// One libFuzzer entry point; CHUTETOP_FUZZ_TARGET chooses the decoder:
// exposition (text / OpenMetrics / strict, by the first byte), health, logs, sse, sanitizer.
import Foundation
import Ingest

enum Target: String { case exposition, health, logs, sse, sanitizer }

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
        let shown = LogLineFormat.line(LogDecoder.decode(line).entry)
        precondition(!shown.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }, "control character shown")
    case .sse:
        var decoder = ServerSentEventDecoder(maxEventBytes: 4096)
        let cut = size / 2
        for event in decoder.feed(bytes[..<cut]) + decoder.feed(bytes[cut...]) {
            _ = ChutesLogFrame.decode(event)
            precondition(event.data.utf8.count <= 4096, "oversized event passed")
        }
    case .sanitizer:
        let out = TerminalSanitizer.sanitize(bytes)
        precondition(!out.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || (0x202A...0x202E).contains($0.value) },
                     "control character survived")
    }
    return 0
}
