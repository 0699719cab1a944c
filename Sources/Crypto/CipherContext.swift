import CCrypto

/// Owns one OpenSSL AES-256-GCM cipher context for a single seal or open.
///
/// Not shared between threads: OpenSSL contexts are not safe for concurrent use, so each
/// seal or open makes its own and frees it in `deinit`.
final class CipherContext {
    private static let chunkSize = 1 << 20
    private let context: OpaquePointer

    init(encrypting: Bool, key: [UInt8], nonce: [UInt8]) {
        guard let context = EVP_CIPHER_CTX_new() else {
            preconditionFailure("OpenSSL could not allocate a cipher context (out of memory)")
        }
        self.context = context

        // GCM's default nonce length in OpenSSL is 12 bytes, the length SecretBox uses.
        let ok = EVP_CipherInit_ex(
            context, EVP_aes_256_gcm(), nil, key, nonce, encrypting ? 1 : 0)
        precondition(ok == 1, "OpenSSL could not start AES-256-GCM")
    }

    deinit {
        EVP_CIPHER_CTX_free(context)
    }

    /// Feeds additional authenticated data: covered by the tag, not encrypted.
    func authenticate(_ data: [UInt8]) {
        for chunk in Self.chunks(of: data) {
            addAuthenticated(chunk)
        }
    }

    /// Encrypts or decrypts `input`; GCM is a stream mode, so output length equals input's.
    func transform(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)

        for chunk in Self.chunks(of: input) {
            output += update(chunk)
        }
        return output
    }

    /// Completes the operation; when decrypting, false means the tag did not match.
    func finish() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 32)
        var length: Int32 = 0
        return EVP_CipherFinal_ex(context, &scratch, &length) == 1
    }

    /// The tag of a finished encryption.
    func tag(length: Int) -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: length)
        let ok = EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(length), &tag)
        precondition(ok == 1, "OpenSSL could not read the GCM tag")
        return tag
    }

    /// Sets the tag that decryption must match; call before `finish()`.
    func expect(tag: [UInt8]) {
        var tag = tag
        let ok = EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tag.count), &tag)
        precondition(ok == 1, "OpenSSL could not set the GCM tag")
    }

    private func update(_ chunk: ArraySlice<UInt8>) -> [UInt8] {
        // Room for one extra block, as EVP_CipherUpdate's contract asks.
        var output = [UInt8](repeating: 0, count: chunk.count + 16)
        var length: Int32 = 0

        let ok = chunk.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_CipherUpdate(
                    context, out.baseAddress, &length, input.baseAddress, Int32(input.count))
            }
        }
        // With a valid key and context an update fails only when memory runs out.
        precondition(ok == 1, "OpenSSL could not process AES-256-GCM data")
        return Array(output.prefix(Int(length)))
    }

    /// EVP_CipherUpdate with a NULL output buffer takes its input as associated data.
    private func addAuthenticated(_ chunk: ArraySlice<UInt8>) {
        var length: Int32 = 0
        let ok = chunk.withUnsafeBufferPointer { input in
            EVP_CipherUpdate(context, nil, &length, input.baseAddress, Int32(input.count))
        }
        precondition(ok == 1, "OpenSSL could not process AES-256-GCM associated data")
    }

    /// Pieces small enough for OpenSSL's `int` lengths.
    private static func chunks(of data: [UInt8]) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: data.count, by: chunkSize).map { start in
            data[start..<min(start + chunkSize, data.count)]
        }
    }
}
