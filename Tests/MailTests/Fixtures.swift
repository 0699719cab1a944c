import Foundation

@testable import Mail

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mail-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func subfolder(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }
}

/// A repeatable random source (xorshift64*), so Message-IDs are the same on every run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x9e37_79b9_7f4a_7c15 : seed
    }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_f491_4f6c_dd1d
    }
}

/// Messages like the portal sends.
enum Sample {
    /// Thu, 03 Dec 2026 16:20:00 +0000.
    static let date = Date(timeIntervalSince1970: 1_796_314_800)

    static let subject = "Nieuw bericht van je begeleider Zoë"

    static let text = """
        Beste Anouk,

        Er staat een nieuw bericht voor je klaar in het cliëntportaal. Je kunt het lezen \
        nadat je bent ingelogd; dit bericht zelf bevat geen inhoud van het gesprek.

        Met vriendelijke groet,
        De Linde Jeugdhulp
        """

    static func sender() throws -> MailAddress {
        try MailAddress(parsing: "De Linde Jeugdhulp <portaal@delinde.example.nl>")
    }

    static func recipient() throws -> MailAddress {
        try MailAddress("anouk@example.org", displayName: "Anouk de Vriës")
    }

    static func message(
        subject: String = subject, text: String = text, date: Date = date, seed: UInt64 = 1
    ) throws -> MailMessage {
        var random = SeededRandom(seed: seed)
        return try MailMessage(
            from: sender(), to: recipient(), subject: subject, text: text,
            date: date, random: &random)
    }
}
