import TestLanes
import Testing
@testable import NcursesTerminal
import TerminalUI

@Suite(.lane(.compute)) struct TerminalPreflightTests {
    @Test func passesOnAUTF8Terminal() {
        #expect(TerminalPreflight.problem(stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm-256color", codeset: "UTF-8") == nil)
    }

    @Test func refusesWithoutATerminal() {
        let p = TerminalPreflight.problem(stdinIsTerminal: true, stdoutIsTerminal: false, term: "xterm", codeset: "UTF-8")
        #expect(p?.contains("must be a terminal") == true)
    }

    @Test func refusesUnsetOrDumbTerm() {
        #expect(TerminalPreflight.problem(stdinIsTerminal: true, stdoutIsTerminal: true, term: nil, codeset: "UTF-8")?.contains("TERM is not set") == true)
        #expect(TerminalPreflight.problem(stdinIsTerminal: true, stdoutIsTerminal: true, term: "dumb", codeset: "UTF-8")?.contains("dumb") == true)
    }

    @Test func refusesANonUTF8Locale() {
        let p = TerminalPreflight.problem(stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm", codeset: "ANSI_X3.4-1968")
        #expect(p?.contains("not UTF-8") == true)
    }
}

@Suite(.lane(.compute)) struct KeyDecoderTests {
    @Test func characters() {
        #expect(KeyDecoder.character(0x71) == .character("q"))
        #expect(KeyDecoder.character(0xE9) == .character("é"))
        #expect(KeyDecoder.character(0x0D) == .enter)
        #expect(KeyDecoder.character(0x1B) == .escape)
        #expect(KeyDecoder.character(0x7F) == .backspace)
        #expect(KeyDecoder.character(0x09) == .tab)
        #expect(KeyDecoder.character(0x0C) == .ctrl("l"))
        #expect(KeyDecoder.character(0x00) == nil)
    }

    @Test func functionKeys() {
        #expect(KeyDecoder.functionKey(259) == .up)
        #expect(KeyDecoder.functionKey(269) == .function(5))
        #expect(KeyDecoder.functionKey(353) == .backTab)
        #expect(KeyDecoder.functionKey(9999) == nil)
    }
}
