/// Escaping for text placed in XML attribute values and content.
enum XMLText {
    /// `text` with markup characters escaped and characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            output += escape(scalar)
        }
        return output
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&apos;"
        case "\t", "\n", "\r": String(scalar)
        case _ where scalar.value < 0x20: ""
        case "\u{FFFE}", "\u{FFFF}": ""
        default: String(scalar)
        }
    }
}
