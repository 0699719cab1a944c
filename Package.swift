// swift-tools-version:6.0
import PackageDescription

/// careportal: content in git rendered to a static portal, served behind a login gate.
///
/// Dependencies point one way: the executable calls CLI, CLI calls the domain modules, and
/// only the thin wrappers (Markdown, YAML, Crypto) import a C library.
let package = Package(
    name: "careportal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "careportal", targets: ["careportal"])
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(
            name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CArgon2", path: "Sources/CArgon2", pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(
            name: "CZxcvbn", path: "Sources/CZxcvbn", providers: [.apt(["libzxcvbn-dev"])]),
        .systemLibrary(
            name: "CQRencode", path: "Sources/CQRencode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .target(name: "CSystem"),
        .target(
            name: "CMicroHTTPD",
            linkerSettings: [.linkedLibrary("microhttpd")]),

        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "Crypto", dependencies: ["CCrypto"]),
        .target(name: "Mustache"),
        .target(name: "HTTP", dependencies: ["CMicroHTTPD", "CSystem"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Store", dependencies: ["SQLite"]),
        .target(name: "Argon2", dependencies: ["CArgon2"]),
        .target(name: "Zxcvbn", dependencies: ["CZxcvbn"]),
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        .target(name: "Accounts", dependencies: ["Crypto", "Argon2", "Zxcvbn"]),
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "SMTP", dependencies: ["CCurl"]),
        .target(name: "Mail", dependencies: ["SMTP"]),
        .target(
            name: "Server",
            dependencies: [
                "HTTP", "Store", "Accounts", "Crypto", "Argon2", "QRCode", "Mail", "SMTP",
                "Mustache", "Site", "Support",
            ]),
        .target(name: "Support"),
        .target(name: "Content", dependencies: ["YAML", "Support"]),
        .target(
            name: "Site",
            dependencies: ["Content", "Markdown", "Mustache", "Crypto", "CSystem", "Support"]),
        .target(
            name: "CLI",
            dependencies: [
                "Content", "Site", "Server", "Store", "HTTP", "Support", "CSystem", "YAML",
                "Markdown", "SQLite", "Crypto", "QRCode", "SMTP",
            ]),
        .executableTarget(name: "careportal", dependencies: ["CLI"]),

        .target(name: "Fixtures", dependencies: ["SMTP"], path: "Tests/Fixtures"),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "Argon2Tests", dependencies: ["Argon2"]),
        .testTarget(name: "ZxcvbnTests", dependencies: ["Zxcvbn"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "Fixtures"]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Crypto", "Fixtures"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "SMTP", "Fixtures"]),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Server", "HTTP", "Site", "Store", "Support", "Fixtures"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"]),
        .testTarget(name: "ContentTests", dependencies: ["Content", "Fixtures"]),
        .testTarget(
            name: "SiteTests", dependencies: ["Site", "Content", "CLI", "Fixtures", "YAML"]),
    ],
    swiftLanguageModes: [.v6]
)
