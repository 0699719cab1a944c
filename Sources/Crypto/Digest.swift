import CCrypto

/// SHA-256 through OpenSSL's EVP interface.
///
/// The build uses it to fingerprint theme assets and to tell which clients changed; later the
/// server uses the same wrapper for token hashes.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8]
    where Bytes.Element == UInt8 {
        let input = Array(bytes)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = input.withUnsafeBytes { raw in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest with a built-in algorithm fails only when memory runs out.
        precondition(ok == 1, "OpenSSL could not compute SHA-256")
        return Array(output.prefix(Int(length)))
    }

    /// The digest of `text`'s UTF-8 bytes as lowercase hexadecimal.
    public static func hex(_ text: String) -> String {
        hex(bytes: Array(text.utf8))
    }

    /// The digest of `bytes` as lowercase hexadecimal.
    public static func hex(bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }
}

/// Lowercase hexadecimal, as used in fingerprints and logs.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
