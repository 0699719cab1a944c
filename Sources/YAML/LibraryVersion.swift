import CYAML

extension YAMLParser {
    /// The version of libyaml linked in, for `careportal doctor`.
    public static var libraryVersion: String { String(cString: yaml_get_version_string()) }
}
