import CQRencode

extension QRCode {
    /// The version of libqrencode linked in, for `careportal doctor`.
    public static var libraryVersion: String { String(cString: QRcode_APIVersionString()) }
}
