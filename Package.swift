// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "batchview",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Batching", targets: ["Batching"]),
        .library(name: "BatchingHDF5", targets: ["BatchingHDF5"]),
        .library(name: "BatchingDatasets", targets: ["BatchingDatasets"]),
        .library(name: "BatchingPython", targets: ["BatchingPython"]),
        .executable(name: "batchview", targets: ["batchview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // C system libraries, each behind a tiny shim of getters.
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5-serial", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CBlosc", providers: [.apt(["libblosc-dev"])]),
        .systemLibrary(name: "CLzf", providers: [.apt(["liblzf-dev"])]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The terminal guard's signal handlers and their state, in one C file (one copy of the state).
        .target(name: "CTerminalGuard"),
        // uint8 -> float32 scaling with AVX-512 / AVX2 kernels picked at run time (bit-identical to x / 255).
        .target(name: "CConvert"),
        // libdeflate 1.14's decompressor, vendored and patched to refuse every stream zlib refuses:
        // the default inflater of gzip chunks (Sources/CExactInflate/libdeflate/README.batchview.md).
        .target(name: "CExactInflate", exclude: ["libdeflate"]),

        // The library: pure Swift core, then HDF5 and the standard datasets on top.
        .target(name: "Batching", dependencies: ["CConvert"]),
        .target(name: "BatchingHDF5", dependencies: ["Batching", "CHDF5", "CZlib", "CZstd", "CLz4", "CBlosc", "CLzf", "CExactInflate"]),
        .target(name: "BatchingDatasets", dependencies: ["Batching", "BatchingHDF5"]),
        // The user's Python functions as preprocessing stages, run in worker processes.
        .target(name: "BatchingPython", dependencies: ["Batching"]),

        // The inspector: pure drawing model, then the curses backend, then the command line.
        .target(name: "BatchViewCore", dependencies: ["Batching"]),
        .target(name: "BatchViewTerminal", dependencies: ["BatchViewCore", "CNcursesw", "CTerminalGuard"]),
        .executableTarget(
            name: "batchview",
            dependencies: [
                "Batching", "BatchingHDF5", "BatchingDatasets", "BatchingPython", "BatchViewCore", "BatchViewTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BatchingTests", dependencies: ["Batching", "TestSupport"]),
        .testTarget(name: "BatchingHDF5Tests", dependencies: ["BatchingHDF5", "TestSupport"]),
        .testTarget(name: "BatchingDatasetsTests", dependencies: ["BatchingDatasets", "TestSupport"]),
        .testTarget(name: "BatchingPythonTests", dependencies: ["BatchingPython", "TestSupport"]),
        .testTarget(
            name: "BatchViewCoreTests", dependencies: ["BatchViewCore", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(
            name: "BatchViewTerminalTests", dependencies: ["BatchViewTerminal", "BatchingPython", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["BatchingHDF5", "BatchingDatasets", "BatchViewCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
