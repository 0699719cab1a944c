import Foundation

/// The published HOTP and TOTP vectors in shared/test-data/otp/vectors.json.
struct OTPVectors: Decodable {
    struct Seed: Decodable {
        let ascii: String
        let base32: String
    }

    struct HOTPCase: Decodable, Sendable {
        let counter: UInt64
        let code: String
    }

    struct TOTPCase: Decodable, Sendable {
        let time: Int64
        let algorithm: String
        let digits: Int
        let code: String
    }

    let about: String
    let seeds: [String: Seed]
    let hotp: [HOTPCase]
    let totp: [TOTPCase]

    /// The vectors, read from the shared test data beside the repository.
    static func load() throws -> OTPVectors {
        let file = TestData.folder().appendingPathComponent("otp/vectors.json")
        return try JSONDecoder().decode(OTPVectors.self, from: Data(contentsOf: file))
    }
}

/// Where the project's shared test data lives.
enum TestData {
    static let fallback = URL(fileURLWithPath: "/work/shared/test-data")

    /// The first `shared/test-data` found walking up from this file, else the fallback.
    static func folder(from file: String = #filePath) -> URL {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/test-data")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return fallback
    }
}
