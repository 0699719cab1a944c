import CMicroHTTPD

extension HTTPServer {
    /// The version of libmicrohttpd linked in, for `careportal doctor`.
    public static var libraryVersion: String { String(cString: MHD_get_version()) }
}
