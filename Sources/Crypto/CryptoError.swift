/// What went wrong in a cryptographic operation, worded for the person who has to act on it.
///
/// No case carries key material or plaintext, so an error can be logged as it is.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key of the wrong size was given; AES-256 needs exactly `expected` bytes.
    case invalidKeyLength(expected: Int, actual: Int)

    /// The sealed data is shorter than a nonce plus a tag, so it cannot be a sealed secret.
    case sealedDataTooShort

    /// The tag did not match: the data was changed, sealed with another key, or sealed for
    /// another context.
    case authenticationFailed

    /// What happened and what to do about it, safe to log and to show.
    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let actual):
            "The encryption key has \(actual) bytes but must have \(expected); "
                + "configure a key of \(expected) random bytes."
        case .sealedDataTooShort:
            "The stored secret is truncated; set it up again."
        case .authenticationFailed:
            "The stored secret could not be opened: it was changed, belongs to another "
                + "account, or was sealed with another key. Check the key, or set it up again."
        }
    }
}
