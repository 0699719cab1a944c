/// Why a text could not be turned into a QR code.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not fit in the largest QR code (version 40) at medium error correction.
    case textTooLong
    /// The text holds a NUL character, which a QR text cannot carry through libqrencode.
    case invalidText
    /// libqrencode could not allocate memory.
    case outOfMemory

    /// What happened and what to do about it, safe to log and to show.
    public var description: String {
        switch self {
        case .textTooLong:
            "The text is too long for a QR code; shorten it (at most about 2,300 bytes)."
        case .invalidText:
            "The text contains a NUL character, which a QR code cannot carry; remove it."
        case .outOfMemory:
            "The server ran out of memory drawing a QR code; try again shortly."
        }
    }
}
