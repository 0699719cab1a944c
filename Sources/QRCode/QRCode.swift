/// QR codes as inline SVG, for showing an otpauth URI to an authenticator app.
public enum QRCode {
    /// Light modules around the symbol, the minimum the QR standard asks for.
    public static let quietZone = 4

    /// An inline `<svg>` of `text` with `label` as its accessible name.
    ///
    /// The viewBox counts modules, quiet zone included; dark modules form one path of
    /// horizontal runs on a white square, so the code scans on a dark page too.
    public static func svg(for text: String, label: String) throws(QRCodeError) -> String {
        let rows = try modules(for: text)
        let size = rows.count + 2 * quietZone

        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(size) \(size)\""
            + " shape-rendering=\"crispEdges\" role=\"img\""
            + " aria-label=\"\(XMLText.escape(label))\">"
            + "<rect width=\"\(size)\" height=\"\(size)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(pathData(rows))\"/></svg>"
    }

    /// The symbol's modules, row by row, true for dark; without quiet zone.
    public static func modules(for text: String) throws(QRCodeError) -> [[Bool]] {
        try QRSymbol(encoding: text).modules
    }

    /// One `M x y h n v1 h-n z` rectangle per horizontal run of dark modules.
    static func pathData(_ rows: [[Bool]]) -> String {
        var path = ""
        for (y, row) in rows.enumerated() {
            for run in darkRuns(row) {
                let x = run.lowerBound + quietZone
                let top = y + quietZone
                path += "M\(x) \(top)h\(run.count)v1h-\(run.count)z"
            }
        }
        return path
    }

    /// The ranges of consecutive dark modules in `row`.
    static func darkRuns(_ row: [Bool]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?

        for (x, dark) in row.enumerated() {
            if dark, start == nil { start = x }
            if !dark, let begin = start {
                runs.append(begin..<x)
                start = nil
            }
        }
        if let begin = start { runs.append(begin..<row.count) }
        return runs
    }
}
