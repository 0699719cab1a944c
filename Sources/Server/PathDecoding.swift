/// Turns a raw request path into safe segments, or refuses it.
///
/// Decoding happens exactly once, here, and what comes out can never name anything outside
/// the site: no `.` or `..` segment, no segment starting with a dot, no empty segment (`//`),
/// no backslash, no NUL or control byte, and only valid UTF-8 (which also refuses overlong
/// encodings such as `%c0%ae`).
enum PathDecoding {
    /// The decoded segments and whether the path ended with `/`; nil for anything refused.
    static func segments(_ raw: String) -> (segments: [String], trailingSlash: Bool)? {
        guard raw.utf8.first == UInt8(ascii: "/"), raw.utf8.count <= 2048,
            let bytes = percentDecoded(Array(raw.utf8)),
            String(validating: bytes, as: UTF8.self) != nil
        else { return nil }
        if bytes.count == 1 { return ([], true) }
        let parts = bytes.dropFirst().split(
            separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let trailing = parts.last?.isEmpty == true
        let kept = trailing ? parts.dropLast() : parts[...]
        var segments: [String] = []
        segments.reserveCapacity(kept.count)
        for segment in kept {
            guard isSafe(segment) else { return nil }
            segments.append(String(decoding: segment, as: UTF8.self))
        }
        return (segments, trailing)
    }

    /// Not empty, not starting with a dot, no control byte, backslash or colon. The whole path
    /// was checked to be valid UTF-8, so looking at bytes is enough.
    private static func isSafe(_ segment: ArraySlice<UInt8>) -> Bool {
        guard let first = segment.first, first != UInt8(ascii: ".") else { return false }
        return !segment.contains { byte in
            byte < 0x20 || byte == 0x7f || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: ":")
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
