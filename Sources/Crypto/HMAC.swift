import CCrypto

/// HMAC (RFC 2104) through OpenSSL's one-shot `HMAC()` function.
public enum HMAC {
    /// HMAC-SHA1, as TOTP authenticator apps use by default.
    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        compute(EVP_sha1(), key: key, message: message)
    }

    /// HMAC-SHA256.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        compute(EVP_sha256(), key: key, message: message)
    }

    /// HMAC-SHA512.
    public static func sha512(key: [UInt8], message: [UInt8]) -> [UInt8] {
        compute(EVP_sha512(), key: key, message: message)
    }

    private static func compute(
        _ digest: OpaquePointer?, key: [UInt8], message: [UInt8]
    ) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "An HMAC key cannot exceed 2 GiB")
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        let result = NonNull.bytes(key) { keyPointer in
            NonNull.bytes(message) { messagePointer in
                output.withUnsafeMutableBufferPointer { out in
                    CCrypto.HMAC(
                        digest, keyPointer, Int32(key.count),
                        messagePointer, message.count, out.baseAddress, &length)
                }
            }
        }
        // With a built-in digest HMAC() fails only when memory runs out.
        precondition(result != nil, "OpenSSL could not compute an HMAC")
        return Array(output.prefix(Int(length)))
    }
}
