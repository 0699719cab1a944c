import Testing

@testable import YAML

@Suite struct ParserTests {
    @Test func readsMappingsWithPositions() throws {
        let node = try #require(try YAMLParser.parse("name: Sanne\nitems:\n  - a\n  - 'b'\n"))
        guard case .mapping(let pairs) = node.kind else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalar } == ["name", "items"])
        #expect(pairs[0].value.mark == Mark(line: 1, column: 7))
        guard case .sequence(let items) = pairs[1].value.kind else {
            Issue.record("expected a list")
            return
        }
        #expect(items.map(\.scalar) == ["a", "b"])
        #expect(items[1].kind == .scalar("b", quoted: true))
        #expect(items[1].mark.line == 4)
    }

    @Test func emptyTextIsNoDocument() throws {
        #expect(try YAMLParser.parse("") == nil)
    }

    @Test func nullValues() throws {
        let node = try #require(try YAMLParser.parse("a:\nb: ~\nc: ''\n"))
        guard case .mapping(let pairs) = node.kind else { return }
        #expect(pairs.map(\.value.isNull) == [true, true, false])
    }

    @Test func syntaxErrorsHaveAPosition() {
        #expect {
            try YAMLParser.parse("title: ok\nlist: [a, b\nnext: 1\n")
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.mark.line >= 2 && !error.message.isEmpty
        }
    }

    @Test func duplicateKeysAreRefused() {
        #expect(
            throws: YAMLError(
                "the key 'title' appears twice; keep one",
                at: Mark(line: 2, column: 1))
        ) {
            try YAMLParser.parse("title: a\ntitle: b\n")
        }
    }

    @Test func aliasesAndAnchorsAreRefused() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: &x 1\nb: *x\n") }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: YAMLError.self) { try YAMLParser.parse(deep) }
    }

    @Test func moreThanOneDocumentIsRefused() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: 1\n---\nb: 2\n") }
    }

    @Test func truncatedInputIsAnError() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: \"unterminated\n") }
    }
}
