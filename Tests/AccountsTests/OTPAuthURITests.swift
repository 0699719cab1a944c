import Crypto
import Testing

@testable import Accounts

@Suite struct OTPAuthURITests {
    let secret = Base32.decode("JBSWY3DPEHPK3PXP") ?? []

    @Test func uriHasTheKeyURIFormatExactly() {
        let uri = OTPAuthURI.make(
            issuer: "De Linde Portaal", account: "marieke.devries", secret: secret)
        #expect(
            uri == "otpauth://totp/De%20Linde%20Portaal:marieke.devries?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=De%20Linde%20Portaal&algorithm=SHA1&digits=6&period=30")
    }

    @Test func reservedAndNonASCIICharactersArePercentEncoded() {
        let uri = OTPAuthURI.make(issuer: "Zorg & Co: Één", account: "j@x.nl", secret: secret)
        let label = "Zorg%20%26%20Co%3A%20%C3%89%C3%A9n:j%40x.nl"

        #expect(uri.hasPrefix("otpauth://totp/\(label)?secret="))
        #expect(uri.contains("&issuer=Zorg%20%26%20Co%3A%20%C3%89%C3%A9n&"))
    }

    @Test func newSecretHasTwentyBytesFromTheRandomSource() {
        var asked: [Int] = []
        let secret = TOTP.newSecret { count in
            asked.append(count)
            return [UInt8](repeating: 7, count: count)
        }

        #expect(asked == [20])
        #expect(secret == [UInt8](repeating: 7, count: 20))
    }

    @Test func groupedSecretIsBase32InGroupsOfFour() {
        #expect(TOTP.groupedSecret(secret) == "JBSW Y3DP EHPK 3PXP")
        #expect(
            TOTP.groupedSecret(Array("12345678901234567890".utf8))
                == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")
        #expect(TOTP.groupedSecret(Array("foo".utf8)) == "MZXW 6")
    }

    @Test func groupedSecretDecodesBackToTheSecret() {
        let secret = TOTP.newSecret(random: SecureRandom.bytes)
        #expect(Base32.decode(TOTP.groupedSecret(secret)) == secret)
    }
}
