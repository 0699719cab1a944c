import CQRencode

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One symbol encoded by libqrencode, owned until `deinit` frees it with QRcode_free.
///
/// Used by one thread at a time: it lives only inside `QRCode.modules(for:)`.
/// libqrencode is built with pthreads on Debian, which makes QRcode_encodeString
/// safe to call from several threads at once (its header warns only for builds without).
final class QRSymbol {
    private let symbol: UnsafeMutablePointer<QRcode>

    init(encoding text: String) throws(QRCodeError) {
        guard !text.utf8.contains(0) else { throw .invalidText }

        // 8-bit mode keeps the text's UTF-8 bytes as they are; case-sensitive so the
        // Base32 secret and URI survive; version 0 lets the library pick the smallest.
        guard let symbol = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw Self.error(for: errno)
        }
        self.symbol = symbol
    }

    deinit {
        QRcode_free(symbol)
    }

    /// Rows of modules, true for dark: the lowest bit of each of libqrencode's bytes.
    var modules: [[Bool]] {
        let width = Int(symbol.pointee.width)
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        return (0..<width).map { row in
            data[(row * width)..<((row + 1) * width)].map { $0 & 1 == 1 }
        }
    }

    private static func error(for code: Int32) -> QRCodeError {
        switch code {
        case ERANGE: .textTooLong
        case ENOMEM: .outOfMemory
        default: .invalidText
        }
    }
}
