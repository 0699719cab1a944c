import Crypto

extension TOTP {
    /// A new secret of `secretLength` bytes from `random` (pass `SecureRandom.bytes`).
    public static func newSecret(random: (Int) -> [UInt8]) -> [UInt8] {
        let secret = random(secretLength)
        precondition(secret.count == secretLength, "The random source returned too few bytes")
        return secret
    }

    /// `secret` in Base32, in groups of four separated by spaces, for typing by hand.
    public static func groupedSecret(_ secret: [UInt8]) -> String {
        let symbols = Array(Base32.encode(secret))
        return stride(from: 0, to: symbols.count, by: 4)
            .map { String(symbols[$0..<min($0 + 4, symbols.count)]) }
            .joined(separator: " ")
    }
}
