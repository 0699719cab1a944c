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

        .target(name: "CSystem"),
        .target(
            name: "CMicroHTTPD",
            linkerSettings: [.linkedLibrary("microhttpd")]),

        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "Crypto", dependencies: ["CCrypto"]),
        .target(name: "Mustache"),
        .target(name: "HTTP", dependencies: ["CMicroHTTPD"]),
        .target(name: "Support"),
        .target(name: "Content", dependencies: ["YAML", "Support"]),
        .target(
            name: "Site",
            dependencies: ["Content", "Markdown", "Mustache", "Crypto", "CSystem", "Support"]),
        .target(name: "CLI", dependencies: ["Content", "Site", "Support"]),
        .executableTarget(name: "careportal", dependencies: ["CLI"]),

        .target(name: "Fixtures", path: "Tests/Fixtures"),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"]),
        .testTarget(name: "ContentTests", dependencies: ["Content", "Fixtures"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Content", "CLI", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
