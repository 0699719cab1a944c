import Foundation

/// The organisation-wide settings from `portal.yaml`.
public struct Portal: Sendable {
    public enum Language: String, Sendable, CaseIterable {
        case nl, en
    }

    /// Where mail goes: by default an outbox folder, or an SMTP server when `smtp` is set.
    public struct Mail: Sendable {
        public var from: String
        public var smtp: String?
        /// Also mail when a care worker adds a message to a conversation users already know;
        /// by default only a new conversation is mailed.
        public var everyMessage: Bool
    }

    public var organisation: String
    /// The account name authenticator apps show next to the code.
    public var issuer: String
    public var baseURL: String
    public var language: Language
    public var timeZone: TimeZone
    public var theme: String
    public var mail: Mail?
}

extension Portal {
    static let file = "portal.yaml"

    /// Reads the mapping of `portal.yaml`; nil when a required field is missing or wrong.
    static func decode(_ fields: inout Fields) -> Portal? {
        let organisation = fields.text("organisation")
        let issuer = fields.text("issuer")
        let baseURL = fields.text("base_url")
        if let url = baseURL, let node = fields.value("base_url"), !isWebAddress(url) {
            fields.problem(
                "'base_url' must start with https:// (or http:// for a local demo), "
                    + "not '\(url)'", at: node)
        }
        let language = decodeLanguage(&fields)
        let timeZone = decodeTimeZone(&fields)
        let theme = decodeTheme(&fields)
        let mail = decodeMail(&fields)
        guard let organisation, let issuer, let baseURL, isWebAddress(baseURL),
            let language, let timeZone, let theme
        else { return nil }
        return Portal(
            organisation: organisation, issuer: issuer, baseURL: baseURL,
            language: language, timeZone: timeZone, theme: theme, mail: mail)
    }

    private static func isWebAddress(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(" ")
    }

    private static func decodeLanguage(_ fields: inout Fields) -> Language? {
        guard let text = fields.text("language", required: false) else { return .nl }
        if let language = Language(rawValue: text) { return language }
        if let node = fields.value("language") {
            fields.problem("'language' must be nl or en, not '\(text)'", at: node)
        }
        return nil
    }

    private static func decodeTimeZone(_ fields: inout Fields) -> TimeZone? {
        let name = fields.text("time_zone", required: false) ?? "Europe/Amsterdam"
        if let zone = TimeZone(identifier: name) { return zone }
        if let node = fields.value("time_zone") {
            fields.problem(
                "unknown time zone '\(name)'; use a name such as Europe/Amsterdam",
                at: node)
        }
        return nil
    }

    private static func decodeTheme(_ fields: inout Fields) -> String? {
        let name = fields.text("theme", required: false) ?? "default"
        if Identifier.isValid(name) { return name }
        if let node = fields.value("theme") {
            fields.problem(
                "'theme' must name a folder in themes/ (lowercase letters, digits, "
                    + "dashes), not '\(name)'", at: node)
        }
        return nil
    }

    private static func decodeMail(_ fields: inout Fields) -> Mail? {
        guard let node = fields.value("mail") else { return nil }
        var problems = ProblemList()
        guard var mail = Fields(node, file: fields.file, what: "'mail'", problems: &problems) else {
            fields.problem("'mail' must be a mapping with 'from' and optionally 'smtp'", at: node)
            return nil
        }
        let from = mail.text("from")
        let smtp = mail.text("smtp", required: false)
        let everyMessage = mail.flag("every_message", fallback: false)
        if let smtp, let node = mail.value("smtp"),
            !(smtp.hasPrefix("smtp://") || smtp.hasPrefix("smtps://"))
        {
            mail.problem("'smtp' must be an smtp:// or smtps:// address, not '\(smtp)'", at: node)
        }
        fields.problems.add(contentsOf: mail.finish())
        guard let from else { return nil }
        return Mail(from: from, smtp: smtp, everyMessage: everyMessage)
    }
}

/// The names used for clients, themes and slugs: lowercase letters, digits and dashes.
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 64, !text.hasPrefix("-"), !text.hasSuffix("-") else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2d
        }
    }

    /// Turns a file name stem into a URL-safe slug: `Verslag Juni_2026` becomes
    /// `verslag-juni-2026`.
    public static func slug(_ text: String) -> String {
        var out = ""
        var lastWasDash = true
        for scalar in text.lowercased().unicodeScalars {
            let folded = fold(scalar)
            if let folded {
                out.append(folded)
                lastWasDash = false
            } else if !lastWasDash {
                out.append("-")
                lastWasDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// Maps a letter to ASCII where it is plain or a common accented Latin letter.
    private static func fold(_ scalar: Unicode.Scalar) -> Character? {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { return Character(scalar) }
        let accents: [Character: Character] = [
            "à": "a", "á": "a", "â": "a", "ä": "a", "ã": "a", "å": "a", "ç": "c", "è": "e",
            "é": "e", "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n",
            "ò": "o", "ó": "o", "ô": "o", "ö": "o", "õ": "o", "ù": "u", "ú": "u", "û": "u",
            "ü": "u", "ý": "y", "ÿ": "y",
        ]
        return accents[Character(scalar)]
    }
}
