import Foundation
import Testing

/// The QR code on the activation page, read back by a real scanner (zbarimg).
@Suite struct ActivationQRCodeTests {
    @Test func theQRCodeDecodesToTheKeyURI() throws {
        let server = try ServerFixture()
        let browser = server.client()
        _ = try browser.get(try server.invitationPath("marieke.devries"))
        let page = try browser.get("/activate").text
        let secret = try #require(ServerFixture.secret(in: page))
            .replacingOccurrences(of: " ", with: "")
        let start = try #require(page.range(of: "<svg"))
        let end = try #require(page.range(of: "</svg>"))
        let svg = String(page[start.lowerBound..<end.upperBound])

        let folder = server.content.root
        let svgFile = folder.appendingPathComponent("qr.svg")
        let pngFile = folder.appendingPathComponent("qr.png")
        try svg.write(to: svgFile, atomically: true, encoding: .utf8)
        _ = try tool("/usr/bin/rsvg-convert", ["-z", "8", "-o", pngFile.path, svgFile.path])
        let decoded = try tool("/usr/bin/zbarimg", ["--raw", "-q", pngFile.path])
        #expect(
            decoded == "otpauth://totp/De%20Linde%20Portaal:marieke.devries?secret=\(secret)"
                + "&issuer=De%20Linde%20Portaal&algorithm=SHA1&digits=6&period=30")
    }
}
