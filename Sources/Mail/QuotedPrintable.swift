/// Quoted-printable body encoding (RFC 2045 section 6.7), so a text with accents stays
/// readable in the .eml file and every line stays within 76 characters.
enum QuotedPrintable {
    /// Encoded lines longer than this get a soft break (`=` at the end, 76 in all).
    private static let lineLimit = 75

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `text` with its line ends made CRLF and a final line end added when missing.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for line in lines(of: text) {
            out += encode(line: Array(line.utf8))
            out += [0x0d, 0x0a]
        }
        return out
    }

    /// The lines of `text`, whichever line ends it used (LF, CRLF or CR).
    private static func lines(of text: String) -> [Substring] {
        let unified = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        var lines = unified.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true {
            lines.removeLast()
        }
        return lines
    }

    private static func encode(line: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var column = 0
        for (index, byte) in line.enumerated() {
            let token = token(for: byte, isLast: index == line.count - 1)
            if column + token.count > lineLimit {
                out += [UInt8(ascii: "="), 0x0d, 0x0a]
                column = 0
            }
            out += token
            column += token.count
        }
        return out
    }

    /// Printable ASCII stays; `=`, non-ASCII, controls and a space or tab ending the line are
    /// written as `=XX`, since transports may strip trailing white space.
    private static func token(for byte: UInt8, isLast: Bool) -> [UInt8] {
        let isPrintable = (33...126).contains(byte) && byte != UInt8(ascii: "=")
        let isInnerSpace = (byte == 0x20 || byte == 0x09) && !isLast
        guard !isPrintable, !isInnerSpace else { return [byte] }

        return [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation's locale-aware search.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
