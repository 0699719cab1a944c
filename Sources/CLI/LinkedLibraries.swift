import HTTP
import Markdown
import QRCode
import SMTP
import SQLite
import Server
import YAML

import enum Crypto.SecureRandom

extension LinkedLibraries {
    /// What each wrapper module reports of its library, for `careportal doctor`.
    static var versions: LinkedLibraries {
        LinkedLibraries(
            names: [
                ("cmark", Markdown.libraryVersion), ("libyaml", YAMLParser.libraryVersion),
                ("SQLite", Database.libraryVersion), ("OpenSSL", SecureRandom.libraryVersion),
                ("libmicrohttpd", HTTPServer.libraryVersion),
                ("libqrencode", QRCode.libraryVersion), ("libcurl", SMTPClient.libraryVersion),
            ],
            sqliteVersion: Database.libraryVersion,
            sqliteNumber: Database.libraryVersionNumber)
    }
}
