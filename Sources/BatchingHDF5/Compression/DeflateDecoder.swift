/// Which inflater reads a whole deflate-filtered chunk on the direct path (`--deflate`).
///
/// ```swift
/// let column = try HDF5Column(file: file, dataset: "images", deflate: .zlib)   // the reference
/// ```
public enum DeflateDecoder: String, Sendable, Hashable, CaseIterable {
    /// libdeflate's decompressor, vendored and patched to refuse every stream zlib refuses
    /// (`CExactInflate`): libdeflate's speed — two to three times zlib's on whole chunks — and
    /// zlib's verdict: every stream reads to the same bytes as libhdf5 reads it, or is refused
    /// with zlib's sentence (``DeflateChunk``). The default.
    case exact
    /// zlib alone, the library libhdf5's filter calls: the reference `exact` is held to.
    case zlib
}
