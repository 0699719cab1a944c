import Crypto
import Foundation
import Testing

@testable import Accounts

/// RFC 4226 appendix D and RFC 6238 appendix B, read from the shared vector file.
@Suite struct OTPVectorTests {
    static let vectors = Result { try OTPVectors.load() }

    /// The seed for `algorithm`, per the file's "about": 20, 32 or 64 bytes.
    static func seed(_ algorithm: String) throws -> [UInt8] {
        let seed = try #require(try vectors.get().seeds[algorithm], "no seed for \(algorithm)")
        return Array(seed.ascii.utf8)
    }

    @Test func seedsFollowTheRuleTheFileStates() throws {
        let vectors = try Self.vectors.get()
        let lengths = ["SHA1": 20, "SHA256": 32, "SHA512": 64]

        #expect(vectors.about.contains("20 bytes for SHA1, 32 for SHA256, 64 for SHA512"))
        for (name, length) in lengths {
            let seed = try #require(vectors.seeds[name])
            #expect(seed.ascii.utf8.count == length)
            #expect(Base32.decode(seed.base32) == Array(seed.ascii.utf8))
        }
    }

    @Test func everyHOTPVectorMatches() throws {
        let cases = try Self.vectors.get().hotp
        let hotp = TOTP(secret: try Self.seed("SHA1"))

        #expect(cases.count == 10)
        for vector in cases {
            #expect(hotp.code(counter: vector.counter) == vector.code, "counter \(vector.counter)")
        }
    }

    @Test func everyTOTPVectorMatches() throws {
        let cases = try Self.vectors.get().totp
        #expect(cases.count >= 18)

        for vector in cases {
            let algorithm = try #require(OTPAlgorithm(rawValue: vector.algorithm))
            let totp = TOTP(
                secret: try Self.seed(vector.algorithm), digits: vector.digits,
                algorithm: algorithm)
            let time = Date(timeIntervalSince1970: TimeInterval(vector.time))
            #expect(totp.code(at: time) == vector.code, "\(vector.algorithm) at \(vector.time)")
        }
    }

    @Test func everyAlgorithmIsCovered() throws {
        let algorithms = Set(try Self.vectors.get().totp.map(\.algorithm))
        #expect(algorithms == Set(OTPAlgorithm.allCases.map(\.rawValue)))
    }
}
