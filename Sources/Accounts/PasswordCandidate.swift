/// A proposed password with the personal words it must not be built from.
struct PasswordCandidate {
    /// Username parts shorter than this are too common to refuse ("de", "jo").
    static let minimumPartLength = 3

    let password: String
    let username: String
    let organisation: String

    /// Whether the password contains the username or one of its parts, ignoring case.
    var containsUsername: Bool {
        let lowered = password.lowercased()
        return usernameWords.contains { lowered.contains($0) }
    }

    /// Username and organisation words, for zxcvbn's user dictionary.
    var personalWords: [String] {
        usernameWords + Self.words(organisation, separators: { !$0.isLetter && !$0.isNumber })
    }

    /// The whole username and its parts split on `.`, `-` and `_`, lowercased.
    private var usernameWords: [String] {
        Self.words(username, separators: { ".-_".contains($0) })
    }

    /// `text` and its parts, lowercased, without parts shorter than `minimumPartLength`.
    private static func words(
        _ text: String, separators: (Character) -> Bool
    ) -> [String] {
        let lowered = text.lowercased()
        let parts = lowered.split(whereSeparator: separators).map(String.init)
        return ([lowered] + parts).filter { $0.count >= minimumPartLength }
    }
}
