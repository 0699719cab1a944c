import CCrypto

/// Cryptographically strong random bytes from OpenSSL's RAND_bytes.
public enum SecureRandom {
    /// `count` random bytes, for keys, salts, nonces and tokens.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(
            (0...Int(Int32.max)).contains(count),
            "SecureRandom.bytes needs a count between 0 and 2^31 - 1")
        guard count > 0 else { return [] }

        var output = [UInt8](repeating: 0, count: count)
        let ok = output.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(buffer.count))
        }
        // Without randomness no key, salt or token is safe: stopping beats going on.
        precondition(
            ok == 1,
            "OpenSSL's random generator failed; refusing to go on without randomness")
        return output
    }
}
