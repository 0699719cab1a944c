import Crypto

/// The HMAC hash a one-time password uses. Authenticator apps all support SHA1; the
/// others exist for RFC 6238's test vectors and apps that offer them.
public enum OTPAlgorithm: String, Sendable, CaseIterable {
    /// HMAC-SHA1, the default every authenticator app reads.
    case sha1 = "SHA1"
    /// HMAC-SHA256.
    case sha256 = "SHA256"
    /// HMAC-SHA512.
    case sha512 = "SHA512"

    func authenticate(key: [UInt8], message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: HMAC.sha1(key: key, message: message)
        case .sha256: HMAC.sha256(key: key, message: message)
        case .sha512: HMAC.sha512(key: key, message: message)
        }
    }
}
