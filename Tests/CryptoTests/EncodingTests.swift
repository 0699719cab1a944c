import Testing

@testable import Crypto

/// RFC 4648 section 10 test vectors.
@Suite struct EncodingTests {
    static let base32Vectors = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    static let base64Vectors = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: base32Vectors)
    func base32MatchesRFC4648(text: String, encoded: String) {
        #expect(Base32.encode(Array(text.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(text.utf8))
    }

    @Test func base32DecodeIsLenientAboutCaseSpacesAndPadding() {
        let expected = Array("foobar".utf8)
        #expect(Base32.decode("mzxw 6ytb oi") == expected)
        #expect(Base32.decode("MZXW6YTBOI======") == expected)
        #expect(Base32.decode("MZXW6YQ=") == Array("foob".utf8))
    }

    @Test(arguments: ["MZ1W", "MZ=XW", "M", "MZX", "MZXW6Y", "MZXW6YTB!"])
    func base32RejectsWhatIsNotBase32(text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test(arguments: base64Vectors)
    func base64URLMatchesRFC4648WithoutPadding(text: String, encoded: String) {
        #expect(Base64URL.encode(Array(text.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(text.utf8))
    }

    @Test func base64URLUsesTheURLSafeAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test(arguments: ["Zg==", "Z", "+/+/", "Zm9v YmFy"])
    func base64URLRejectsOtherForms(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func randomTokensRoundTrip() {
        for length in 0..<40 {
            let bytes = SecureRandom.bytes(length)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }
}
