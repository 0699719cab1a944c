import CZxcvbn

/// Password strength estimates from zxcvbn-c: how many bits of guessing an attacker who
/// knows common passwords, words, keyboard walks, dates and the user's own words needs.
///
/// Thread-safe: Debian's libzxcvbn embeds its dictionaries as read-only data and keeps no
/// global state, so concurrent `ZxcvbnMatch` calls do not interfere.
public enum PasswordStrength {
    /// The estimated entropy of `password` in bits; `userWords` (name, username,
    /// organisation) count as words an attacker would try first.
    public static func entropyBits(_ password: String, userWords: [String]) -> Double {
        estimate(password, userWords: userWords).entropyBits
    }

    /// The estimate with the parts zxcvbn recognised, for explaining a weak password.
    ///
    /// Known limit: zxcvbn reads C strings, so a password is scored only up to a NUL
    /// character, because ZxcvbnMatch takes no length; that errs towards "weaker".
    public static func estimate(_ password: String, userWords: [String]) -> StrengthEstimate {
        let dictionary = CStringArray(userWords.filter { !$0.isEmpty })
        var info: UnsafeMutablePointer<ZxcMatch_t>?
        // ZxcvbnMatch allocates the match list; zxcvbn.h asks for ZxcvbnFreeInfo on it.
        defer { if let info { ZxcvbnFreeInfo(info) } }

        let bits = dictionary.withNullTerminated { words in
            ZxcvbnMatch(password, words, &info)
        }
        return StrengthEstimate(entropyBits: bits, parts: parts(of: info))
    }

    private static func parts(of info: UnsafeMutablePointer<ZxcMatch_t>?) -> [StrengthPart] {
        var result: [StrengthPart] = []
        var node = info
        while let match = node?.pointee {
            result.append(StrengthPart(match))
            node = match.Next
        }
        return result
    }
}
