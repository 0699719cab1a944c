import Testing

@testable import Crypto

/// Known answers from FIPS 180-2, RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA2).
@Suite struct DigestAndHMACTests {
    @Test func sha256OfABCMatchesFIPS() {
        #expect(
            SHA256.hex("abc")
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacSHA1MatchesRFC2202() {
        let key = [UInt8](repeating: 0x0b, count: 20)
        let mac = HMAC.sha1(key: key, message: Array("Hi There".utf8))
        #expect(Hex.encode(mac) == "b617318655057264e28bc0b6fb378c8ef146be00")
    }

    @Test func hmacSHA256MatchesRFC4231() {
        let mac = HMAC.sha256(
            key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(
            Hex.encode(mac)
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacSHA512MatchesRFC4231() {
        let key = [UInt8](repeating: 0x0b, count: 20)
        let mac = HMAC.sha512(key: key, message: Array("Hi There".utf8))
        let expected =
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
        #expect(Hex.encode(mac) == expected)
    }

    @Test func emptyKeyAndMessageAreAnEmptyKeyNotAMissingOne() {
        let mac = HMAC.sha256(key: [], message: [])
        #expect(
            Hex.encode(mac)
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
