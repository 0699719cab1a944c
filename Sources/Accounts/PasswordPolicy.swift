import Zxcvbn

/// The rules a new password must meet, checked all at once so the user sees every problem.
///
/// Letters are judged by Unicode (`Character.isUppercase`/`isLowercase`), so "Ë" is an
/// uppercase letter; digits are only 0-9 and special characters only the ASCII ones listed,
/// so the translated explanation can name them exactly. Lengths count characters as a
/// person sees them (grapheme clusters), and an accepted password is hashed whole.
public struct PasswordPolicy: Sendable {
    /// The fewest characters a password may have.
    public static let minimumLength = 8
    /// The most characters a password may have; up to this it is used whole, never cut.
    public static let maximumLength = 128
    /// Characters that satisfy `PasswordRule.special`: printable ASCII punctuation except
    /// the forbidden `@`, `,` and `.`.
    public static let specialCharacters = Set(##"!"#$%&'()*+-/:;<=>?[\]^_`{|}~"##)
    /// Characters refused besides whitespace.
    public static let forbiddenCharacters = Set("@,.")

    /// The zxcvbn estimate below which a password is `tooCommon`.
    public let minimumEntropyBits: Double
    /// Words treated as known to attackers in addition to zxcvbn's own dictionaries.
    public let commonWords: [String]

    /// A policy refusing passwords under `minimumEntropyBits` (see `defaultMinimumEntropyBits`).
    public init(
        minimumEntropyBits: Double = PasswordPolicy.defaultMinimumEntropyBits,
        commonWords: [String] = PasswordPolicy.dutchCommonWords
    ) {
        self.minimumEntropyBits = minimumEntropyBits
        self.commonWords = commonWords
    }

    /// Every rule `password` fails, in `PasswordRule.allCases` order; empty when it is fine.
    public func problems(
        password: String, username: String, organisation: String
    ) -> [PasswordRule] {
        let candidate = PasswordCandidate(
            password: password, username: username, organisation: organisation)
        return PasswordRule.allCases.filter { fails($0, candidate) }
    }

    private func fails(_ rule: PasswordRule, _ candidate: PasswordCandidate) -> Bool {
        let password = candidate.password
        switch rule {
        case .length: return password.count < Self.minimumLength
        case .uppercase: return !password.contains { $0.isUppercase }
        case .lowercase: return !password.contains { $0.isLowercase }
        case .digit: return !password.contains { $0.isASCII && $0.isWholeNumber }
        case .special: return !password.contains { Self.specialCharacters.contains($0) }
        case .forbiddenCharacters: return password.contains(where: Self.isForbidden)
        case .containsUsername: return candidate.containsUsername
        case .tooCommon: return isTooCommon(candidate)
        case .tooLong: return password.count > Self.maximumLength
        }
    }

    private static func isForbidden(_ character: Character) -> Bool {
        character.isWhitespace || forbiddenCharacters.contains(character)
    }

    /// Known limit: only the first `maximumLength` characters are scored, because zxcvbn's
    /// work grows quickly with length; a longer password already fails `tooLong`.
    private func isTooCommon(_ candidate: PasswordCandidate) -> Bool {
        let scored = String(candidate.password.prefix(Self.maximumLength))
        let words = candidate.personalWords + commonWords
        return PasswordStrength.entropyBits(scored, userWords: words) < minimumEntropyBits
    }
}
