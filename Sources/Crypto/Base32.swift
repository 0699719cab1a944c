/// Base32 as in RFC 4648 section 6: the alphabet authenticator apps read TOTP secrets in.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Uppercase Base32 without `=` padding, as otpauth URIs carry it.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0

        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of `text`, or nil if it is not Base32. Case-insensitive; whitespace is
    /// ignored (people type secrets in groups) and trailing `=` padding is optional.
    public static func decode(_ text: String) -> [UInt8]? {
        guard let values = symbolValues(text), isValidLength(values.count) else { return nil }

        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0

        for value in values {
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xff))
            }
        }
        return output
    }

    /// The 5-bit value of each symbol, or nil on a character outside the alphabet.
    private static func symbolValues(_ text: String) -> [UInt8]? {
        let symbols = text.unicodeScalars.filter { !$0.properties.isWhitespace }
        let unpadded = symbols.reversed().drop { $0 == "=" }.reversed()

        var values: [UInt8] = []
        for scalar in unpadded {
            guard let value = value(of: scalar) else { return nil }
            values.append(value)
        }
        return values
    }

    private static func value(of scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "A"..."Z": UInt8(scalar.value - 65)
        case "a"..."z": UInt8(scalar.value - 97)
        case "2"..."7": UInt8(scalar.value - 50 + 26)
        default: nil
        }
    }

    /// Whole bytes need 0, 2, 4, 5 or 7 symbols past the last full group of eight.
    private static func isValidLength(_ count: Int) -> Bool {
        [0, 2, 4, 5, 7].contains(count % 8)
    }
}
