/// Where a standalone tag's line starts and where the line after it begins.
struct StandaloneLine {
    let start: Int
    let next: Int
}

private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

extension Parser {
    /// The tag's line when only spaces or tabs share it; such a line is removed from output.
    func standaloneLine(around tag: Tag) -> StandaloneLine? {
        var start = tag.start
        while start > position, isBlank(bytes[start - 1]) {
            start -= 1
        }
        guard isLineStart(start) else {
            return nil
        }

        var end = tag.end
        while end < bytes.count, isBlank(bytes[end]) {
            end += 1
        }
        guard let next = offsetAfterLineBreak(at: end) else {
            return nil
        }
        return StandaloneLine(start: start, next: next)
    }

    /// Adds the literal text from `position` to `end`, remembering where its lines begin.
    /// `tagFollows` marks that a tag sits at `end`, so a line starting there is recorded too.
    mutating func appendText(upTo end: Int, tagFollows: Bool) {
        let start = position
        var offsets: [Int] = []

        for offset in start..<end where startsNonEmptyLine(offset) {
            offsets.append(offset - start)
        }
        if tagFollows, isLineStart(end) {
            offsets.append(end - start)
        }
        guard end > start || !offsets.isEmpty else {
            return
        }

        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let utf8 = text.utf8
        let lineStarts = offsets.map { utf8.index(utf8.startIndex, offsetBy: $0) }
        nodes.append(.text(TextChunk(text: text, lineStarts: lineStarts)))
    }

    private func isLineStart(_ offset: Int) -> Bool {
        offset == 0 || bytes[offset - 1] == newline
    }

    /// Empty lines get no indentation, so indented partials add no trailing whitespace.
    private func startsNonEmptyLine(_ offset: Int) -> Bool {
        isLineStart(offset) && offsetAfterLineBreak(at: offset) == nil
    }

    /// The offset after a line break (`\n` or `\r\n`) or the end of source found at `offset`.
    private func offsetAfterLineBreak(at offset: Int) -> Int? {
        if offset == bytes.count {
            return offset
        }
        if bytes[offset] == newline {
            return offset + 1
        }
        let isCRLF =
            bytes[offset] == carriageReturn
            && offset + 1 < bytes.count && bytes[offset + 1] == newline
        return isCRLF ? offset + 2 : nil
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
