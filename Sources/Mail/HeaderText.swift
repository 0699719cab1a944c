import Foundation

/// Header values that survive transport: RFC 2047 encoded words for non-ASCII text, quoting
/// for display names, and folding so no line passes 78 characters.
enum HeaderText {
    /// Longest plain word kept as is; longer ones are encoded so they can be split.
    private static let longestPlainWord = 70

    /// UTF-8 bytes per encoded word: 39 bytes give 52 base64 characters, 64 in all, so even
    /// after `Subject: ` the line stays within 78 (RFC 2047 allows 75 per word).
    private static let bytesPerEncodedWord = 39

    /// Line breaks would end the header and start a new one; other controls are refused too.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7f }
    }

    /// The words of an unstructured value such as Subject.
    static func unstructured(_ text: String) -> [String] {
        needsEncoding(text) ? encodedWords(text) : plainWords(text)
    }

    /// The words of a display name (an RFC 5322 phrase): plain, quoted or encoded.
    static func phrase(_ text: String) -> [String] {
        if needsEncoding(text) {
            return encodedWords(text)
        }
        if text.utf8.allSatisfy(isPhraseByte) {
            return plainWords(text)
        }
        return plainWords(quoted(text))
    }

    /// `Name: words`, folded before a word that would pass column 78.
    static func field(_ name: String, _ words: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        for (index, word) in words.enumerated() {
            if index > 0, line.utf8.count + 1 + word.utf8.count > 78 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// Non-ASCII text must be encoded; so must text that a reader would take for an encoded
    /// word, and words too long to fold.
    private static func needsEncoding(_ text: String) -> Bool {
        !text.utf8.allSatisfy { $0 < 0x80 }
            || text.contains("=?")
            || plainWords(text).contains { $0.utf8.count > longestPlainWord }
    }

    /// Split at single spaces, keeping empty words, so that joining with spaces (or folding,
    /// which unfolds to a space) gives back the exact text.
    private static func plainWords(_ text: String) -> [String] {
        text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    /// `=?UTF-8?B?…?=` words, split between Unicode scalars so each decodes on its own.
    private static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerEncodedWord {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        words.append(encodedWord(chunk))
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// A quoted-string: backslash before `"` and `\` (RFC 5322 section 3.2.4).
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" {
                out.append("\\")
            }
            out.append(character)
        }
        return out + "\""
    }

    /// atext and space: a display name made only of these needs no quotes.
    private static func isPhraseByte(_ byte: UInt8) -> Bool {
        AddressRules.isAlphanumeric(byte) || " !#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
}
