import Foundation
import TestLanes
import Testing
@testable import LiveServices
import TerminalUI

@Suite(.lane(.compute)) struct ThemeDirectoryTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func loadsGoodFilesAndReportsBadOnesWithFileLineAndRole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = Theme.builtin.first!
        var text = "name Mine\n"
        for role in Role.allCases { text += "\(role.themeName) red default\n" }
        try text.write(to: dir.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
        try "name Broken\nnormal red default\nwarning #12345 default\n".write(
            to: dir.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
        try "ignored".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let loaded = ThemeDirectory.load(from: dir.path)
        #expect(loaded.themes.map(\.name) == ["Mine"])
        #expect(loaded.themes[0][.critical].foreground == .ansi(1))
        #expect(loaded.errors.count == 1)
        #expect(loaded.errors[0] == "\(dir.path)/broken.theme:3: role 'warning': invalid foreground colour '#12345'")
        #expect(good.name == "Default (dark)")
    }

    @Test func aMissingDirectoryIsAnErrorNotACrash() {
        let loaded = ThemeDirectory.load(from: "/nonexistent/chutetop-themes")
        #expect(loaded.themes.isEmpty)
        #expect(loaded.errors.first?.hasPrefix("/nonexistent/chutetop-themes: cannot read theme directory") == true)
    }
}

@Suite(.lane(.compute)) struct FileLogSinkTests {
    @Test func createsTheLogPrivatelyAndAppends() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-log-\(UUID().uuidString)/sub/chutetop.log").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let sink = try FileLogSink(path: path)
        let handler = FileLogHandler(label: "test", sink: sink)
        handler.log(event: .init(level: .info, message: "hello", metadata: ["k": "v"], source: "t", file: #file, function: #function, line: #line))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix(" info test: hello k=v\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(FileLogSink.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/chutetop/chutetop.log")
        #expect(FileLogSink.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/chutetop/chutetop.log")
    }
}
