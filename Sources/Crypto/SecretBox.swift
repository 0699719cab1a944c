/// AES-256-GCM authenticated encryption for secrets at rest, such as TOTP seeds.
///
/// Sealed layout: 12-byte random nonce, ciphertext, 16-byte tag. The `context` (for example
/// the username) is authenticated but not stored, so a sealed value copied to another
/// account fails to open.
///
/// Known limit: the key lives in ordinary Swift memory and is not wiped when released,
/// because Swift arrays promise no such thing; lifting it needs a class that owns locked,
/// zeroed-on-free memory.
public struct SecretBox: Sendable {
    /// AES-256 key length in bytes.
    public static let keyLength = 32
    /// Nonce length in bytes, GCM's recommended 96 bits.
    public static let nonceLength = 12
    /// Tag length in bytes, GCM's full 128 bits.
    public static let tagLength = 16

    private let key: [UInt8]
    private let nonces: @Sendable (Int) -> [UInt8]

    /// A box for `key` (32 bytes). `nonces` exists for known-answer tests: a repeated nonce
    /// under one key breaks GCM, so production code keeps the default.
    public init(
        key: [UInt8], nonces: @escaping @Sendable (Int) -> [UInt8] = SecureRandom.bytes
    ) throws(CryptoError) {
        guard key.count == Self.keyLength else {
            throw .invalidKeyLength(expected: Self.keyLength, actual: key.count)
        }
        self.key = key
        self.nonces = nonces
    }

    /// Encrypts `plaintext` under a fresh nonce, binding it to `context`.
    public func seal(_ plaintext: [UInt8], context: [UInt8]) -> [UInt8] {
        let nonce = nonces(Self.nonceLength)
        precondition(nonce.count == Self.nonceLength, "SecretBox needs a 12-byte nonce")

        let cipher = CipherContext(encrypting: true, key: key, nonce: nonce)
        cipher.authenticate(context)
        let body = cipher.transform(plaintext)
        precondition(cipher.finish(), "OpenSSL could not finish AES-256-GCM encryption")

        return nonce + body + cipher.tag(length: Self.tagLength)
    }

    /// Decrypts what `seal` made with the same key and context; throws if anything differs.
    public func open(_ sealed: [UInt8], context: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= Self.nonceLength + Self.tagLength else {
            throw .sealedDataTooShort
        }
        let bodyEnd = sealed.count - Self.tagLength
        let nonce = Array(sealed[..<Self.nonceLength])

        let cipher = CipherContext(encrypting: false, key: key, nonce: nonce)
        cipher.authenticate(context)
        let plaintext = cipher.transform(Array(sealed[Self.nonceLength..<bodyEnd]))
        cipher.expect(tag: Array(sealed[bodyEnd...]))

        guard cipher.finish() else { throw .authenticationFailed }
        return plaintext
    }
}
