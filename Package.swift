// swift-tools-version:6.0
import PackageDescription

// Layers point one way: attnsh → AttnTerminal → AttnLang → AttnCore, with
// AttnFigures (exported SVG figures) beside the language: AttnLang → AttnFigures → AttnCore.
// Each C library is reached through a system-library target and touched by
// exactly one Swift file (BLAS.swift, ReadlineEditor.swift, CursesScreen.swift);
// the one C target of attnsh's own, CRowKernels, by RowKernels.swift.
let package = Package(
    name: "attnsh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attnsh", targets: ["attnsh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CCurses", path: "Sources/CCurses",
                       providers: [.apt(["libncurses-dev"])]),
        // The row softmax's loops for each vector width, chosen at run time (RowKernels.swift).
        .target(name: "CRowKernels"),
        .target(name: "AttnCore", dependencies: ["CBLAS", "CRowKernels"]),
        .target(name: "AttnFigures", dependencies: ["AttnCore"]),
        .target(name: "AttnLang", dependencies: ["AttnCore", "AttnFigures"]),
        .target(name: "AttnTerminal", dependencies: ["AttnLang", "CReadline", "CCurses"]),
        .executableTarget(
            name: "attnsh",
            dependencies: [
                "AttnTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // What every test target shares: golden files, the installed model,
        // session transcripts, scratch folders.
        .target(name: "AttnTestSupport", dependencies: ["AttnCore", "AttnLang"], path: "Tests/AttnTestSupport"),
        .testTarget(name: "AttnCoreTests", dependencies: ["AttnCore", "AttnTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AttnFiguresTests", dependencies: ["AttnFigures", "AttnTestSupport"]),
        .testTarget(name: "AttnLangTests", dependencies: ["AttnLang", "AttnTestSupport"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "AttnTerminalTests", dependencies: ["AttnTerminal", "AttnTestSupport"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "attnshTests", dependencies: ["AttnLang", "attnsh", "AttnTestSupport"]),
    ]
)
