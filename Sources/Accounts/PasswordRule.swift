/// One requirement a new password must meet, in the order they are reported.
public enum PasswordRule: String, CaseIterable, Sendable {
    /// At least `PasswordPolicy.minimumLength` characters.
    case length
    /// At least one uppercase letter; non-ASCII letters such as "É" count.
    case uppercase
    /// At least one lowercase letter; non-ASCII letters such as "é" count.
    case lowercase
    /// At least one digit 0-9.
    case digit
    /// At least one of `PasswordPolicy.specialCharacters`.
    case special
    /// No whitespace, `@`, `,` or `.`.
    case forbiddenCharacters = "forbidden_characters"
    /// Does not contain the username or a part of it.
    case containsUsername = "contains_username"
    /// Not too easy to guess, as zxcvbn estimates it.
    case tooCommon = "too_common"
    /// At most `PasswordPolicy.maximumLength` characters.
    case tooLong = "too_long"

    /// The translation key of the text that explains this rule to the user.
    public var explanationKey: String {
        "password_rule_" + rawValue
    }
}
