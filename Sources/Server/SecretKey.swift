import Crypto
import Foundation

/// The key that seals authenticator secrets, kept outside the database so a copy of the
/// database alone reveals no secret.
enum SecretKey {
    static let environment = "CAREPORTAL_SECRET_KEY"
    static let fileName = "secret.key"

    /// The key given in the configuration (`secret_key` or `CAREPORTAL_SECRET_KEY`, base64url
    /// of 32 bytes), or else from `state/secret.key`, created with mode 0600 on first use.
    static func load(state: URL, given: String?) throws -> [UInt8] {
        if let text = given ?? ProcessInfo.processInfo.environment[environment] {
            guard let key = Base64URL.decode(text), key.count == 32 else {
                throw ServerError.configuration(
                    "the secret key (\(environment) or secret_key) must be 32 bytes in "
                        + "base64url (43 characters)")
            }
            return key
        }
        let url = state.appendingPathComponent(fileName)
        if let data = FileManager.default.contents(atPath: url.path) {
            guard data.count == 32 else {
                throw ServerError.configuration(
                    "\(url.path) must hold exactly 32 bytes; restore it from the backup")
            }
            return Array(data)
        }
        let key = SecureRandom.bytes(32)
        guard
            FileManager.default.createFile(
                atPath: url.path, contents: Data(key), attributes: [.posixPermissions: 0o600])
        else { throw ServerError.configuration("cannot create \(url.path)") }
        return key
    }
}

/// Why the server or an account command cannot go on.
public enum ServerError: Error, CustomStringConvertible {
    case configuration(String)
    case unknownUser(String)
    case noSite(String)

    public var description: String {
        switch self {
        case .configuration(let text): return text
        case .unknownUser(let name):
            return "'\(name)' is not a portal user in the built site; add the user to a "
                + "client.yaml, build, and try again"
        case .noSite(let text): return text
        }
    }
}
