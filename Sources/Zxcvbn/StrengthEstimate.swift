import CZxcvbn

/// A password's estimated strength and the parts it was split into.
public struct StrengthEstimate: Sendable, Equatable {
    /// log2 of the estimated number of guesses.
    public let entropyBits: Double
    /// The recognised parts, in password order.
    public let parts: [StrengthPart]
}

/// One part of a password as zxcvbn recognised it.
public struct StrengthPart: Sendable, Equatable {
    /// What kind of pattern a part of a password is.
    public enum Kind: Sendable, Equatable {
        /// Kinds named after zxcvbn's ZxcTypeMatch_t; `userWord` is a word the caller passed.
        case bruteForce, dictionary, userWord, repeated, sequence, keyboard, date, year
        /// Extra characters past zxcvbn's scoring length, or a kind this wrapper does not know.
        case longPassword, other
    }

    /// Offset of the part's first byte in the password's UTF-8 bytes.
    public let start: Int
    /// Length of the part in bytes.
    public let length: Int
    /// The part's entropy in bits.
    public let entropyBits: Double
    /// The pattern found.
    public let kind: Kind
    /// Whether the part repeats an earlier part.
    public let repeatsEarlierPart: Bool

    init(_ match: ZxcMatch_t) {
        let type = match.Type.rawValue
        let repeatFlag = MULTIPLE_MATCH.rawValue
        start = Int(match.Begin)
        length = Int(match.Length)
        entropyBits = match.Entrpy
        repeatsEarlierPart = type & repeatFlag != 0
        kind = Self.kind(ZxcTypeMatch_t(rawValue: type & ~repeatFlag))
    }

    private static func kind(_ type: ZxcTypeMatch_t) -> Kind {
        switch type {
        case BRUTE_MATCH: .bruteForce
        case DICTIONARY_MATCH, DICT_LEET_MATCH: .dictionary
        case USER_MATCH, USER_LEET_MATCH: .userWord
        case REPEATS_MATCH: .repeated
        case SEQUENCE_MATCH: .sequence
        case SPATIAL_MATCH: .keyboard
        case DATE_MATCH: .date
        case YEAR_MATCH: .year
        case LONG_PWD_MATCH: .longPassword
        default: .other
        }
    }
}
