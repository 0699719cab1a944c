import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string.
struct FormData: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    /// Parses `a=1&b=2`; malformed escapes or invalid UTF-8 make the whole form nil.
    init?(encoded bytes: [UInt8]) {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(
                separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(Array(parts[0])) else { return nil }
            let value = parts.count > 1 ? Self.decode(Array(parts[1])) : ""
            guard let value else { return nil }
            fields.append((name, value))
        }
    }

    init(pairs: [(name: String, value: String)]) {
        for pair in pairs {
            guard let name = Self.decode(Array(pair.name.utf8)),
                let value = Self.decode(Array(pair.value.utf8))
            else { continue }
            fields.append((name, value))
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String? {
        guard let decoded = PathDecoding.percentDecoded(bytes, plusAsSpace: true) else {
            return nil
        }
        return String(validating: decoded, as: UTF8.self)
    }

    /// The value of a field that must appear once; a repeated field counts as absent, so a
    /// forged second value can never win.
    subscript(name: String) -> String? {
        let values = fields.filter { $0.name == name }
        return values.count == 1 ? values[0].value : nil
    }
}

/// Cookies from every `Cookie` header.
enum Cookies {
    /// The value of `name`; nil when it is absent or sent more than once (which a browser
    /// never does for one host-only cookie, but an attacker planting cookies might).
    ///
    /// Scans bytes: this runs on every request.
    static func value(_ name: String, in headers: [String]) -> String? {
        let wanted = Array(name.utf8)
        var found: String?
        for header in headers {
            for pair in Array(header.utf8).split(separator: UInt8(ascii: ";")) {
                let trimmed = pair.drop { $0 == UInt8(ascii: " ") }
                guard let equals = trimmed.firstIndex(of: UInt8(ascii: "=")),
                    trimmed[..<equals].elementsEqual(wanted)
                else { continue }
                if found != nil { return nil }
                let value = trimmed[(equals + 1)...].filter { $0 != UInt8(ascii: " ") }
                found = String(decoding: value, as: UTF8.self)
            }
        }
        return found
    }
}
