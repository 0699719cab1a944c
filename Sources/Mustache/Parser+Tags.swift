extension Parser {
    /// Reads the tag whose opening delimiter starts at `start`.
    func readTag(at start: Int) throws(MustacheError) -> Tag {
        let afterOpen = start + delimiters.open.count
        let sigil = afterOpen < bytes.count ? bytes[afterOpen] : 0
        let (kind, consumesSigil) = TagKind.from(sigil: sigil)
        let contentStart = consumesSigil ? afterOpen + 1 : afterOpen

        // A triple mustache ends with one extra brace before the usual closing delimiter.
        let closing =
            sigil == UInt8(ascii: "{")
            ? Array("}".utf8) + delimiters.close
            : delimiters.close

        guard let contentEnd = find(closing, from: contentStart) else {
            let expected = String(decoding: closing, as: UTF8.self)
            throw error(at: start, "tag opened here is never closed; add '\(expected)'")
        }

        return Tag(
            kind: kind,
            content: trimmedText(contentStart..<contentEnd),
            start: start,
            end: contentEnd + closing.count
        )
    }

    /// The first offset at or after `from` where `pattern` occurs.
    func find(_ pattern: [UInt8], from: Int) -> Int? {
        guard let first = pattern.first else {
            return nil
        }
        let lastStart = bytes.count - pattern.count
        var offset = from

        while offset <= lastStart {
            let end = offset + pattern.count
            if bytes[offset] == first, bytes[offset..<end].elementsEqual(pattern) {
                return offset
            }
            offset += 1
        }
        return nil
    }

    /// The source text in `range` without leading and trailing whitespace.
    private func trimmedText(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound

        while lower < upper, isWhitespace(bytes[lower]) {
            lower += 1
        }
        while upper > lower, isWhitespace(bytes[upper - 1]) {
            upper -= 1
        }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
