import CCmark

extension Markdown {
    /// The version of the cmark library linked in, for `careportal doctor`.
    public static var libraryVersion: String { String(cString: cmark_version_string()) }
}
