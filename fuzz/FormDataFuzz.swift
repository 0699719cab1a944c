// Fuzz target: the bytes are a form body (`application/x-www-form-urlencoded`) and, split at
// line breaks, the `Cookie` headers of one request. Compiled into one module with
// Sources/Server/FormData.swift and the PathDecoding.swift it decodes with.

/// libFuzzer calls this once per input; a broken property stops the run through `fatalError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))

    checkForm(bytes)
    checkCookies(bytes)
    return 0
}

/// A decoded form re-encodes to the same fields, reads the same from raw query pairs, and
/// answers a name only when it appears once.
func checkForm(_ bytes: [UInt8]) {
    guard let form = FormData(encoded: bytes) else { return }
    let fields = form.fields

    let again = FormData(encoded: encodedForm(fields))
    check(again.map { same($0.fields, fields) } == true, "re-encoded form reads differently")
    if let pairs = rawPairs(bytes) {
        check(same(FormData(pairs: pairs).fields, fields), "query pairs read differently")
    }
    for name in Set(fields.map(\.name)) {
        let values = fields.filter { $0.name == name }.map(\.value)
        let expected = values.count == 1 ? values.first : nil
        check(same(form[name], expected), "field '\(name)' answered wrongly")
    }
}

typealias Fields = [(name: String, value: String)]

/// Equal names and values, as bytes and in order.
func same(_ one: Fields, _ other: Fields) -> Bool {
    one.count == other.count
        && zip(one, other).allSatisfy { first, second in
            first.name.utf8.elementsEqual(second.name.utf8)
                && first.value.utf8.elementsEqual(second.value.utf8)
        }
}

/// Both absent, or equal as bytes; `==` on strings accepts an equivalent Unicode form.
func same(_ one: String?, _ other: String?) -> Bool {
    guard let one, let other else { return one == nil && other == nil }
    return one.utf8.elementsEqual(other.utf8)
}

/// What a browser sends: unreserved bytes as they are, space as `+`, the rest as `%XX`.
func encodedForm(_ fields: Fields) -> [UInt8] {
    let pairs = fields.map { encoded($0.name) + Array("=".utf8) + encoded($0.value) }
    return Array(pairs.joined(separator: Array("&".utf8)))
}

func encoded(_ text: String) -> [UInt8] {
    let digits = Array("0123456789ABCDEF".utf8)
    let unreserved = Array("-._~".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
        let isAlphanumeric =
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
            || (0x61...0x7A).contains(byte)
        if isAlphanumeric || unreserved.contains(byte) {
            out.append(byte)
        } else if byte == UInt8(ascii: " ") {
            out.append(UInt8(ascii: "+"))
        } else {
            out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
    }
    return out
}

/// The pairs as libmicrohttpd hands over a query string, escapes kept; nil when a raw part
/// is not UTF-8 text, which a C string turned into a Swift string would have repaired.
func rawPairs(_ bytes: [UInt8]) -> Fields? {
    var pairs: Fields = []
    for pair in bytes.split(separator: UInt8(ascii: "&")) {
        let parts = pair.split(
            separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = String(validating: parts[0], as: UTF8.self),
            let value = String(validating: parts.count > 1 ? parts[1] : [], as: UTF8.self)
        else { return nil }
        pairs.append((name, value))
    }
    return pairs
}

/// The names the server reads; each must be found only as a whole name and only once.
let cookieNames = ["careportal", "__Host-careportal", "careportal_form"]

/// `Cookies.value` against a plain reading of the rule: pairs split at `;`, leading spaces
/// dropped, the value without spaces, and nil unless the name appears exactly once.
func checkCookies(_ bytes: [UInt8]) {
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let headers = lines.map { String(decoding: $0, as: UTF8.self) }
    for name in cookieNames {
        let found = Cookies.value(name, in: headers)
        let expected = expectedCookie(name, in: headers)
        check(
            same(found, expected),
            "cookie '\(name)' read as \(found ?? "nil"), expected \(expected ?? "nil")")
        let separators = Array("; ".utf8)
        check(
            found?.utf8.contains(where: separators.contains) != true,
            "cookie '\(name)' value holds a separator")
    }
}

func expectedCookie(_ name: String, in headers: [String]) -> String? {
    let prefix = Array(name.utf8) + [UInt8(ascii: "=")]
    var values: [[UInt8]] = []
    for header in headers {
        for pair in Array(header.utf8).split(separator: UInt8(ascii: ";")) {
            let trimmed = pair.drop { $0 == UInt8(ascii: " ") }
            guard trimmed.starts(with: prefix) else { continue }
            values.append(trimmed.dropFirst(prefix.count).filter { $0 != UInt8(ascii: " ") })
        }
    }
    guard values.count == 1 else { return nil }
    return String(decoding: values[0], as: UTF8.self)
}
