import CArgon2

/// Password hashing with argon2id through the reference libargon2.
///
/// Hashes are stored in the standard encoded form (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`),
/// which carries its own parameters, so raising the cost later keeps old hashes verifiable.
public enum PasswordHash {
    /// The cost used for new hashes: OWASP's argon2id recommendation.
    public static let parameters = PasswordHashParameters.owasp

    /// Hashes all UTF-8 bytes of `password` (never truncated) with a salt from `random`,
    /// which must return `parameters.saltLength` fresh random bytes.
    public static func make(password: String, random: () -> [UInt8]) -> String {
        let salt = random()
        precondition(
            salt.count == parameters.saltLength,
            "PasswordHash.make needs a \(parameters.saltLength)-byte salt")

        var encoded = [CChar](repeating: 0, count: encodedLength(saltLength: salt.count))
        let status = hash(Array(password.utf8), salt: salt, into: &encoded)
        // libargon2 fails here only when memory runs out or a password exceeds 4 GiB,
        // which no request that reaches this far can carry.
        precondition(
            status == ARGON2_OK.rawValue,
            "argon2id hashing failed: \(message(for: status))")
        return String(decoding: encoded.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self)
    }

    /// Whether `password` matches `encoded`. A malformed or foreign encoded string is false.
    /// `encoded` must come from storage, never from a request: its parameters set the cost.
    public static func verify(password: String, encoded: String) -> Bool {
        let bytes = Array(password.utf8)
        let status = encoded.withCString { encodedPointer in
            bytes.withUnsafeBytes { raw in
                argon2id_verify(encodedPointer, raw.baseAddress, raw.count)
            }
        }
        return status == ARGON2_OK.rawValue
    }

    /// Whether `encoded` was made with other parameters than today's, so it should be
    /// replaced by a fresh hash the next time the password is known (at login).
    public static func needsRehash(_ encoded: String) -> Bool {
        !encoded.hasPrefix(parameters.encodedPrefix)
    }

    private static func hash(
        _ password: [UInt8], salt: [UInt8], into encoded: inout [CChar]
    ) -> Int32 {
        let cost = parameters
        return password.withUnsafeBytes { pwd in
            salt.withUnsafeBytes { saltBytes in
                encoded.withUnsafeMutableBufferPointer { out in
                    argon2id_hash_encoded(
                        cost.iterations, cost.memoryKiB, cost.lanes,
                        pwd.baseAddress, pwd.count, saltBytes.baseAddress, saltBytes.count,
                        cost.hashLength, out.baseAddress, out.count)
                }
            }
        }
    }

    private static func encodedLength(saltLength: Int) -> Int {
        let cost = parameters
        return argon2_encodedlen(
            cost.iterations, cost.memoryKiB, cost.lanes,
            UInt32(saltLength), UInt32(cost.hashLength), Argon2_id)
    }

    private static func message(for status: Int32) -> String {
        guard let text = argon2_error_message(status) else { return "code \(status)" }
        return String(cString: text)
    }
}
