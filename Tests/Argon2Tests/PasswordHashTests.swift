import Foundation
import Testing

@testable import Argon2

@Suite struct PasswordHashTests {
    /// A fixed salt: fine in tests, where the point is repeatable output.
    static func salt() -> [UInt8] { Array("careportal-salt!".utf8) }

    @Test func hashUsesOWASPArgon2idParameters() {
        let encoded = PasswordHash.make(password: "Fietsbel#Regen7", random: Self.salt)
        let fields = encoded.split(separator: "$")

        #expect(encoded.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(fields.count == 5)
        #expect(fields[3].count == 22)  // 16-byte salt, Base64 without padding
        #expect(fields[4].count == 43)  // 32-byte hash, Base64 without padding
    }

    @Test func rightPasswordVerifiesAndWrongOneDoesNot() {
        let encoded = PasswordHash.make(password: "Fietsbel#Regen7", random: Self.salt)

        #expect(PasswordHash.verify(password: "Fietsbel#Regen7", encoded: encoded))
        #expect(!PasswordHash.verify(password: "fietsbel#Regen7", encoded: encoded))
        #expect(!PasswordHash.verify(password: "", encoded: encoded))
    }

    @Test func sameSaltGivesSameHashAndOtherSaltAnother() {
        let first = PasswordHash.make(password: "Zonnebloem7!", random: Self.salt)
        let again = PasswordHash.make(password: "Zonnebloem7!", random: Self.salt)
        let other = PasswordHash.make(password: "Zonnebloem7!") { Array("another-salt-16b".utf8) }

        #expect(first == again)
        #expect(first != other)
    }

    @Test func longPasswordIsHashedWholeNotTruncated() {
        let long = String(repeating: "Ab3$efgh", count: 25)
        let changedLast = String(long.dropLast()) + "i"
        let encoded = PasswordHash.make(password: long, random: Self.salt)

        #expect(long.count == 200)
        #expect(PasswordHash.verify(password: long, encoded: encoded))
        #expect(!PasswordHash.verify(password: changedLast, encoded: encoded))
    }

    @Test func nonASCIIAndEmptyPasswordsWork() {
        for password in ["Ëlandsgracht€7", "", "wacht\u{0}woord"] {
            let encoded = PasswordHash.make(password: password, random: Self.salt)
            #expect(PasswordHash.verify(password: password, encoded: encoded))
        }
    }

    @Test(arguments: [
        "", "garbage", "$argon2id$", "$argon2id$v=19$m=19456,t=2,p=1$",
        "$argon2id$v=19$m=19456,t=2,p=1$Y2FyZXBvcnRhbC1zYWx0IQ$",
        "$argon2i$v=19$m=19456,t=2,p=1$Y2FyZXBvcnRhbC1zYWx0IQ$" + String(repeating: "A", count: 43),
        "$argon2id$v=19$m=x,t=2,p=1$Y2FyZXBvcnRhbC1zYWx0IQ$AAAA",
        "$argon2id$v=19$m=19456,t=2,p=1$!!!!$AAAA",
    ])
    func malformedEncodedStringIsFalseNotACrash(encoded: String) {
        #expect(!PasswordHash.verify(password: "Fietsbel#Regen7", encoded: encoded))
    }

    @Test func hashesWithOlderParametersNeedRehash() {
        let current = PasswordHash.make(password: "Fietsbel#Regen7", random: Self.salt)
        let older = current.replacingOccurrences(of: "m=19456,t=2", with: "m=4096,t=3")

        #expect(!PasswordHash.needsRehash(current))
        #expect(PasswordHash.needsRehash(older))
    }
}
