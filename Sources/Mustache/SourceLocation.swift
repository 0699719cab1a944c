/// A 1-based line and column in a template, computed only when an error is reported.
struct SourceLocation {
    let line: Int
    let column: Int

    /// Finds the line and column of a UTF-8 offset; the column counts characters.
    init(offset: Int, in bytes: [UInt8]) {
        let newline = UInt8(ascii: "\n")
        let prefix = bytes[..<offset]
        let lineStart = prefix.lastIndex(of: newline).map { $0 + 1 } ?? 0

        line = prefix.count(where: { $0 == newline }) + 1
        column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
    }
}
