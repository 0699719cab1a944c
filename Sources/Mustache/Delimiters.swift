/// The current tag markers; set-delimiter tags such as `{{=<% %>=}}` replace them mid-template.
struct Delimiters {
    let open: [UInt8]
    let close: [UInt8]

    static let standard = Delimiters(open: Array("{{".utf8), close: Array("}}".utf8))

    /// Reads the body of a set-delimiter tag (`<% %>`); nil when it is not two valid markers.
    init?(setTagBody body: String) {
        let parts = body.split(whereSeparator: \.isWhitespace)

        guard parts.count == 2, parts.allSatisfy({ !$0.contains("=") }) else {
            return nil
        }
        self.init(open: Array(parts[0].utf8), close: Array(parts[1].utf8))
    }

    private init(open: [UInt8], close: [UInt8]) {
        self.open = open
        self.close = close
    }

    /// How a tag looks with these markers, for hints in error messages.
    func spell(_ body: String) -> String {
        String(decoding: open, as: UTF8.self) + body + String(decoding: close, as: UTF8.self)
    }
}
