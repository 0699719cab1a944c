import Crypto

/// The `otpauth://` Key URI Format authenticator apps read from a QR code.
public enum OTPAuthURI {
    /// `otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=…&digits=…&period=…`
    /// with issuer and account percent-encoded and the label's colon literal.
    public static func make(
        issuer: String, account: String, secret: [UInt8],
        algorithm: OTPAlgorithm = .sha1, digits: Int = 6, period: Int = 30
    ) -> String {
        let encodedIssuer = PercentEncoding.encode(issuer)
        let label = encodedIssuer + ":" + PercentEncoding.encode(account)
        let query = [
            "secret=" + Base32.encode(secret),
            "issuer=" + encodedIssuer,
            "algorithm=" + algorithm.rawValue,
            "digits=\(digits)",
            "period=\(period)",
        ]
        return "otpauth://totp/" + label + "?" + query.joined(separator: "&")
    }
}
