/// Turns a raw request path into safe segments, or refuses it.
///
/// Decoding happens exactly once, here, and what comes out can never name anything outside
/// the site: no `.` or `..` segment, no segment starting with a dot, no empty segment (`//`),
/// no backslash, no NUL or control byte, and only valid UTF-8 (which also refuses overlong
/// encodings such as `%c0%ae`).
enum PathDecoding {
    /// The decoded segments and whether the path ended with `/`; nil for anything refused.
    static func segments(_ raw: String) -> (segments: [String], trailingSlash: Bool)? {
        guard raw.hasPrefix("/"), raw.utf8.count <= 2048 else { return nil }
        guard let bytes = percentDecoded(Array(raw.utf8)) else { return nil }
        guard let path = String(validating: bytes, as: UTF8.self) else { return nil }
        if path == "/" { return ([], true) }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let trailing = parts.last == ""
        let segments = trailing ? Array(parts.dropLast()) : Array(parts)
        for segment in segments where !isSafe(segment) { return nil }
        return (segments.map(String.init), trailing)
    }

    private static func isSafe(_ segment: Substring) -> Bool {
        guard let first = segment.first, first != "." else { return false }
        return !segment.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || scalar.value == 0x7f || scalar == "\\" || scalar == ":"
        }
    }

    /// Decodes `%XX` once; a malformed escape refuses the whole path.
    static func percentDecoded(_ bytes: [UInt8], plusAsSpace: Bool = false) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hex(bytes[index + 1]),
                    let low = hex(bytes[index + 2])
                else { return nil }
                out.append(high << 4 | low)
                index += 3
                continue
            }
            out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
