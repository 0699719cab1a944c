import Foundation

/// One mailbox: an address with an optional display name, checked so it cannot break a header.
public struct MailAddress: Sendable, Equatable {
    /// The bare address, `name@domain`.
    public let address: String

    /// The name shown to the reader, or nil.
    public let displayName: String?

    /// A mailbox; `field` ("from", "to") names it in errors.
    public init(_ address: String, displayName: String? = nil, field: String = "mail")
        throws(MailError)
    {
        guard AddressRules.isValid(address) else {
            throw MailError.invalidAddress(field: field)
        }
        if let displayName, HeaderText.hasControlCharacter(displayName) {
            throw MailError.controlCharacter(field: "\(field) display name")
        }
        self.address = address
        self.displayName = displayName?.isEmpty == true ? nil : displayName
    }

    /// Reads `Name <name@domain>` or a bare `name@domain`, as written in a configuration.
    public init(parsing text: String, field: String = "mail") throws(MailError) {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else {
            try self.init(text, field: field)
            return
        }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        try self.init(address, displayName: name.isEmpty ? nil : name, field: field)
    }

    /// The part after the `@`.
    var domain: Substring {
        address.split(separator: "@").last ?? ""
    }

    /// The header value as words that may be folded between: name words, then `<address>`.
    var headerWords: [String] {
        guard let displayName else { return [address] }

        return HeaderText.phrase(displayName) + ["<\(address)>"]
    }
}
