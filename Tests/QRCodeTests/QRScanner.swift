import Fixtures
import Foundation

/// Renders an SVG to PNG and reads it back with zbarimg, as a phone camera would.
enum QRScanner {
    static let renderer = ExternalTool("rsvg-convert")
    static let decoder = ExternalTool("zbarimg")
    static var isAvailable: Bool { renderer != nil && decoder != nil }

    /// The text zbarimg decodes from `svg`, scaled up 8 times.
    static func decode(svg: String) throws -> String? {
        guard let renderer, let decoder else { return nil }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("qrcode-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let svgFile = folder.appendingPathComponent("code.svg")
        let pngFile = folder.appendingPathComponent("code.png")
        try Data(svg.utf8).write(to: svgFile)

        let render = try renderer.run(["--zoom", "8", "-o", pngFile.path, svgFile.path])
        guard render.status == 0 else { return nil }
        let scan = try decoder.run(["--raw", "-q", pngFile.path])
        guard scan.status == 0 else { return nil }
        // zbarimg ends each decoded symbol with a newline.
        return scan.output.hasSuffix("\n") ? String(scan.output.dropLast()) : scan.output
    }
}
