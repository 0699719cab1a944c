/// The checks an address must pass before it goes into a header or an SMTP envelope.
///
/// Known limit: only plain `local@domain` addresses in ASCII are accepted, because quoted
/// local parts and international addresses need SMTPUTF8 support end to end; lifting it needs
/// that support in the relay and an encoded form here.
enum AddressRules {
    static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254 else { return false }

        return isValidLocalPart(parts[0]) && isValidDomain(parts[1])
    }

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        !local.isEmpty && local.utf8.count <= 64 && local.utf8.allSatisfy(isLocalPartByte)
    }

    /// Letters, digits, hyphens and dots, with at least one dot and no empty label.
    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }

        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.utf8.allSatisfy(isDomainByte)
        }
    }

    /// RFC 5322 atext and dots: no spaces, quotes, brackets, commas or control characters.
    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "!#$%&'*+-/=?^_`{|}~.".utf8.contains(byte)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            false
        }
    }
}
