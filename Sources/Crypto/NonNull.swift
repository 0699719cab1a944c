/// Hands C a valid pointer even for an empty array.
///
/// An empty Swift array may give a nil base address, and OpenSSL treats a nil key in HMAC
/// as "reuse the previous key" rather than "empty key".
enum NonNull {
    static func bytes<R>(
        _ bytes: [UInt8], _ body: (UnsafePointer<UInt8>) -> R
    ) -> R {
        let storage = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { buffer in
            // A non-empty array always has a base address.
            guard let base = buffer.baseAddress else { preconditionFailure("empty buffer") }
            return body(base)
        }
    }
}
