/// Which inflater reads a whole deflate-filtered chunk on the direct path (`--deflate`).
///
/// ```swift
/// let column = try HDF5Column(file: file, dataset: "images", deflate: .zlib)   // the reference
/// ```
public enum DeflateDecoder: String, Sendable, Hashable, CaseIterable {
    /// libdeflate's decompressor, vendored and patched to refuse every stream zlib refuses
    /// (`CExactInflate`): libdeflate's speed, zlib's verdict — every stream reads to the same
    /// bytes as libhdf5 reads it, or is refused, with zlib's sentence (``DeflateChunk``). The
    /// default.
    case exact
    /// zlib alone, the library libhdf5's filter calls: the reference `exact` is held to.
    case zlib
    /// Debian's libdeflate, unpatched, for trusted files only: it accepts a few hand-crafted
    /// constructs zlib refuses — the reserved length codes 286–287 and distance codes 30–31,
    /// more than 286 length or 30 distance codes in a block header, an incomplete code (the
    /// unused codeword of a one-symbol code), a match under an empty distance code — so such a
    /// chunk reads where libhdf5 refuses it (``DeflateChunk``).
    case libdeflate
}
