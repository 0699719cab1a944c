// Fuzz target: the bytes are a raw request path, as libmicrohttpd hands it over (escapes kept).
// Compiled into one module with Sources/Server/PathDecoding.swift alone.

/// libFuzzer calls this once per input; a broken property stops the run through `fatalError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let raw = String(decoding: bytes, as: UTF8.self)

    checkSegments(raw)
    checkPercentDecoding(bytes)
    return 0
}

/// What `PathDecoding.segments` promises: accepted segments can never leave the site, and
/// put back together they are exactly the path decoded once.
func checkSegments(_ raw: String) {
    guard let (segments, trailingSlash) = PathDecoding.segments(raw) else {
        checkRefusal(raw)
        return
    }
    let bytes = Array(raw.utf8)
    check(
        bytes.first == UInt8(ascii: "/") && bytes.count <= 2048,
        "accepted '\(raw)', not a path of at most 2048 bytes")
    for segment in segments {
        check(isSafe(segment.utf8), "unsafe segment '\(segment)' from '\(raw)'")
    }

    var joined = "/" + segments.joined(separator: "/")
    if trailingSlash && !segments.isEmpty { joined += "/" }
    let decoded = PathDecoding.percentDecoded(bytes)
    check(decoded == Array(joined.utf8), "segments of '\(raw)' do not rebuild its decoding")
}

/// Not empty, not `.`/`..` or any name starting with a dot, no separator, control byte or
/// colon: the rules the type's comment states.
func isSafe(_ segment: some Collection<UInt8>) -> Bool {
    guard let first = segment.first, first != UInt8(ascii: ".") else { return false }
    let forbidden = Array("/\\:".utf8)
    return !segment.contains { $0 < 0x20 || $0 == 0x7F || forbidden.contains($0) }
}

/// A plain path (no `%`) made only of safe segments must not be refused.
func checkRefusal(_ raw: String) {
    let bytes = Array(raw.utf8)
    guard bytes.first == UInt8(ascii: "/"), bytes.count <= 2048,
        !bytes.contains(UInt8(ascii: "%"))
    else { return }
    var parts = bytes.dropFirst().split(
        separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    if parts.last?.isEmpty == true { parts.removeLast() }
    check(!parts.allSatisfy(isSafe), "refused the plain safe path '\(raw)'")
}

/// `%XX` decoding is exact: escaping every byte and decoding gives the bytes back, text
/// without `%` passes through (with `+` as space only in forms), and nothing grows.
func checkPercentDecoding(_ bytes: [UInt8]) {
    check(PathDecoding.percentDecoded(escapedEveryByte(bytes)) == bytes, "escapes do not undo")
    guard let decoded = PathDecoding.percentDecoded(bytes) else { return }
    check(decoded.count <= bytes.count, "decoding made the text longer")
    guard !bytes.contains(UInt8(ascii: "%")) else { return }

    check(decoded == bytes, "text without escapes changed")
    let form = PathDecoding.percentDecoded(bytes, plusAsSpace: true)
    let spaced = bytes.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
    check(form == spaced, "'+' is not a space in forms")
}

/// `%XX` for every byte, alternating upper- and lower-case hex, since both are valid.
func escapedEveryByte(_ bytes: [UInt8]) -> [UInt8] {
    let upper = Array("0123456789ABCDEF".utf8)
    let lower = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for (index, byte) in bytes.enumerated() {
        let digits = index.isMultiple(of: 2) ? upper : lower
        out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
    return out
}
