import Foundation

/// Reads content files as UTF-8 text, refusing what a care worker could not have meant.
enum SourceFile {
    /// Text files larger than this are refused: no report is 5 MiB, and a build must not be
    /// brought down by a file pasted by mistake.
    static let maximumBytes = 5 * 1024 * 1024

    private static func tooLarge(_ bytes: Int, file: String, problems: inout ProblemList) {
        problems.add(
            "the file is \(bytes / 1024 / 1024) MiB; text files may be at most "
                + "5 MiB. Split it, or put large material in documents/ as a PDF",
            file: file)
    }

    static func read(_ url: URL, as file: String, problems: inout ProblemList) -> String? {
        // The size first: a file of gigabytes is refused without being read into memory.
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        if size > maximumBytes {
            tooLarge(size, file: file, problems: &problems)
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            problems.add("cannot read the file: \(error.localizedDescription)", file: file)
            return nil
        }
        // Checked again: the file may have grown since.
        if data.count > maximumBytes {
            tooLarge(data.count, file: file, problems: &problems)
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidByte(in: data)
            problems.add(
                "the file is not valid UTF-8 text; save it as UTF-8", file: file,
                line: line, column: column)
            return nil
        }
        if text.utf8.contains(0) {
            problems.add("the file contains a NUL byte; is it really text?", file: file)
            return nil
        }
        return text
    }

    /// The line and column of the first byte that breaks UTF-8, to point the editor at it.
    private static func firstInvalidByte(in data: Data) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let bytes = [UInt8](data)
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length == 0 { return (line, index - lineStart + 1) }
            if bytes[index] == 0x0a {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, 1)
    }

    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7f: return 1
        case 0xc2...0xdf: length = 2
        case 0xe0...0xef: length = 3
        case 0xf0...0xf4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let slice = Array(bytes[index..<index + length])
        return String(validating: slice, as: UTF8.self) == nil ? 0 : length
    }
}

/// Splits `---` front matter from a Markdown body.
///
/// Scans the UTF-8 bytes once; reports are many and small, so this sits on the build's hot path.
struct FrontMatter {
    var yaml: String
    /// The file line where the YAML starts (the line after the opening `---`).
    var yamlLine: Int
    var body: String
    var bodyLine: Int

    /// nil when the file does not open with `---` or never closes it.
    init?(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let firstEnd = bytes.firstIndex(of: 0x0A), Self.isFence(bytes[..<firstEnd]) else {
            return nil
        }
        var cursor = firstEnd + 1
        var line = 2
        while cursor < bytes.count {
            let end = bytes[cursor...].firstIndex(of: 0x0A) ?? bytes.count
            if Self.isFence(bytes[cursor..<end]) {
                yaml = String(decoding: bytes[(firstEnd + 1)..<cursor], as: UTF8.self)
                yamlLine = 2
                body = String(decoding: bytes[min(end + 1, bytes.count)...], as: UTF8.self)
                bodyLine = line + 1
                return
            }
            cursor = end + 1
            line += 1
        }
        return nil
    }

    /// A line holding only `---`, allowing trailing spaces and a carriage return.
    private static func isFence(_ line: ArraySlice<UInt8>) -> Bool {
        var line = line
        while let last = line.last, last == 0x20 || last == 0x0D || last == 0x09 {
            line.removeLast()
        }
        return line.elementsEqual([0x2D, 0x2D, 0x2D])
    }
}
