import Testing

@testable import QRCode

@Suite struct QRCodeTests {
    static let uri =
        "otpauth://totp/De%20Linde%20Portaal:marieke.devries?secret=JBSWY3DPEHPK3PXP"
        + "&issuer=De%20Linde%20Portaal&algorithm=SHA1&digits=6&period=30"

    @Test func svgHasQuietZoneViewBoxAndAccessibleName() throws {
        let modules = try QRCode.modules(for: Self.uri)
        let svg = try QRCode.svg(for: Self.uri, label: "QR-code voor je authenticator-app")
        let size = modules.count + 8

        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains("viewBox=\"0 0 \(size) \(size)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"QR-code voor je authenticator-app\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
    }

    @Test func labelIsEscapedForXML() throws {
        let svg = try QRCode.svg(for: "x", label: "Scan <dit> & \"dat\" 'nu'\u{1}")
        let escaped = "Scan &lt;dit&gt; &amp; &quot;dat&quot; &apos;nu&apos;"
        #expect(svg.contains("aria-label=\"\(escaped)\""))
    }

    @Test func pathHasOneRectanglePerHorizontalRun() throws {
        let modules = try QRCode.modules(for: Self.uri)
        let path = QRCode.pathData(modules)
        let runs = modules.map { QRCode.darkRuns($0).count }.reduce(0, +)
        let darkCount = modules.joined().filter { $0 }.count

        #expect(path.components(separatedBy: "M").count - 1 == runs)
        #expect(runs * 3 < darkCount * 2)  // merging saves a third or more
        #expect(path.hasPrefix("M4 4h7v1h-7z"))  // the top-left finder pattern's top row
    }

    @Test func darkRunsMergeNeighbours() {
        let row = [true, true, false, true, false, false, true]
        #expect(QRCode.darkRuns(row) == [0..<2, 3..<4, 6..<7])
        #expect(QRCode.darkRuns([false, false]) == [])
    }

    @Test func textWithNULIsRefused() {
        #expect(throws: QRCodeError.invalidText) {
            try QRCode.svg(for: "otpauth\u{0}x", label: "x")
        }
    }

    @Test func textTooLongForAnyVersionIsRefused() {
        #expect(throws: QRCodeError.textTooLong) {
            try QRCode.svg(for: String(repeating: "é", count: 2_000), label: "x")
        }
    }

    @Test(
        .enabled(
            if: QRScanner.isAvailable,
            "rsvg-convert (librsvg2-bin) and zbarimg (zbar-tools) are not installed"),
        arguments: [uri, "https://portaal.example/login?next=%2Fdossier&lang=nl"])
    func scannerReadsTheTextBackExactly(text: String) throws {
        let svg = try QRCode.svg(for: text, label: "QR-code")
        #expect(try QRScanner.decode(svg: svg) == text)
    }
}
