import CCrypto

extension SecureRandom {
    /// The version of OpenSSL's libcrypto linked in, for `careportal doctor`.
    public static var libraryVersion: String {
        String(cString: OpenSSL_version(Int32(OPENSSL_VERSION_STRING)))
    }
}
