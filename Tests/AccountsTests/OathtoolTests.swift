import Fixtures
import Crypto
import Foundation
import Testing

@testable import Accounts

/// Codes checked against oath-toolkit's `oathtool`, an independent implementation.
@Suite(
    .enabled(
        if: ExternalTool("oathtool") != nil, "oathtool (Debian package oathtool) is not installed"))
struct OathtoolTests {
    static let times: [Int64] = [
        0, 29, 30, 59, 1_111_111_109, 1_700_000_000, 1_767_225_599,
        4_102_444_800,
    ]

    /// oathtool's code for `secret` at `time`.
    static func oathtool(
        _ secret: [UInt8], time: Int64, algorithm: OTPAlgorithm = .sha1, digits: Int = 6
    ) throws -> String {
        let tool = try #require(ExternalTool("oathtool"))
        let result = try tool.run([
            "--totp=\(algorithm.rawValue.lowercased())", "-d", "\(digits)",
            "-b", Base32.encode(secret), "-N", "@\(time)",
        ])
        #expect(result.status == 0)
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: times)
    func sha1CodesMatchOathtool(time: Int64) throws {
        let secret = TOTP.newSecret(random: SecureRandom.bytes)
        let totp = TOTP(secret: secret)
        let date = Date(timeIntervalSince1970: TimeInterval(time))

        #expect(totp.code(at: date) == (try Self.oathtool(secret, time: time)))
    }

    @Test(arguments: [OTPAlgorithm.sha256, .sha512])
    func otherAlgorithmsAndEightDigitsMatchOathtool(algorithm: OTPAlgorithm) throws {
        let secret = SecureRandom.bytes(32)
        let totp = TOTP(secret: secret, digits: 8, algorithm: algorithm)

        for time in Self.times {
            let date = Date(timeIntervalSince1970: TimeInterval(time))
            let expected = try Self.oathtool(secret, time: time, algorithm: algorithm, digits: 8)
            #expect(totp.code(at: date) == expected, "at \(time)")
        }
    }
}
