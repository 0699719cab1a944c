import Testing

@testable import Crypto

@Suite struct SecretBoxTests {
    let context = Array("marieke.devries".utf8)

    func box() throws -> SecretBox {
        try SecretBox(key: SecureRandom.bytes(SecretBox.keyLength))
    }

    @Test func sealedSecretOpensWithSameKeyAndContext() throws {
        let box = try box()
        let sealed = box.seal(Array("JBSWY3DPEHPK3PXP".utf8), context: context)

        #expect(sealed.count == 12 + 16 + 16)
        #expect(try box.open(sealed, context: context) == Array("JBSWY3DPEHPK3PXP".utf8))
    }

    @Test func sealingTwiceGivesDifferentCiphertexts() throws {
        let box = try box()
        #expect(box.seal([1, 2, 3], context: context) != box.seal([1, 2, 3], context: context))
    }

    @Test func emptyAndLargePlaintextsRoundTrip() throws {
        let box = try box()
        let large = SecureRandom.bytes(3 << 20 + 5)

        #expect(try box.open(box.seal([], context: []), context: []) == [])
        #expect(try box.open(box.seal(large, context: context), context: context) == large)
    }

    @Test func anotherContextCannotOpen() throws {
        let box = try box()
        let sealed = box.seal([42], context: context)

        #expect(throws: CryptoError.authenticationFailed) {
            try box.open(sealed, context: Array("jan.jansen".utf8))
        }
    }

    @Test func anyChangedByteIsDetected() throws {
        let box = try box()
        let sealed = box.seal(Array("geheim".utf8), context: context)

        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: CryptoError.authenticationFailed) {
                try box.open(tampered, context: context)
            }
        }
    }

    @Test func anotherKeyCannotOpen() throws {
        let sealed = try box().seal([7], context: context)
        #expect(throws: CryptoError.authenticationFailed) {
            try box().open(sealed, context: context)
        }
    }

    @Test func truncatedDataIsRefused() throws {
        let box = try box()
        #expect(throws: CryptoError.sealedDataTooShort) {
            try box.open([UInt8](repeating: 0, count: 27), context: context)
        }
    }

    @Test func wrongKeyLengthIsATypedErrorWithAdvice() {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
            try SecretBox(key: [UInt8](repeating: 1, count: 16))
        }
        let message = CryptoError.invalidKeyLength(expected: 32, actual: 16).description
        #expect(message.contains("32 random bytes"))
    }

    /// McGrew and Viega's GCM test cases 13 and 14 (zero key, zero nonce), plus a case with
    /// associated data computed with Python's `cryptography` package.
    @Test(arguments: [
        (
            [UInt8](repeating: 0, count: 32), [UInt8](repeating: 0, count: 12), [UInt8](),
            [UInt8](),
            "000000000000000000000000530f8afbc74536b9a963b4f1c4cb738b"
        ),
        (
            [UInt8](repeating: 0, count: 32), [UInt8](repeating: 0, count: 12),
            [UInt8](repeating: 0, count: 16), [UInt8](),
            "000000000000000000000000cea7403d4d606b6e074ec5d3baf39d18"
                + "d0d1c8a799996bf0265b98b5d48ab919"
        ),
        (
            Array(0..<32), Array(0..<12), Array("geheim".utf8), Array("marieke".utf8),
            "000102030405060708090a0b2067be7eac886e4ceca438a879d2b7c147aa20e94738"
        ),
    ])
    func knownAnswers(
        key: [UInt8], nonce: [UInt8], plaintext: [UInt8], context: [UInt8], expected: String
    ) throws {
        let box = try SecretBox(key: key, nonces: { _ in nonce })
        let sealed = box.seal(plaintext, context: context)

        #expect(Hex.encode(sealed) == expected)
        #expect(try box.open(sealed, context: context) == plaintext)
    }
}
