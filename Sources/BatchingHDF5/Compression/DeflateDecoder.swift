/// Which library inflates a whole deflate-filtered chunk on the direct path (`--deflate`).
///
/// ```swift
/// let column = try HDF5Column(file: file, dataset: "images", deflate: .libdeflate)   // trusted file
/// ```
public enum DeflateDecoder: String, Sendable, Hashable, CaseIterable {
    /// zlib, the library libhdf5's filter calls: every stream reads to the same bytes, or is
    /// refused, as libhdf5 reads or refuses it. The default.
    case zlib
    /// libdeflate, two to three times zlib's speed on whole chunks, for files you trust. Exact on
    /// every stream a compressor writes and on damaged ones (those go to zlib, whose bytes or
    /// refusal they get), but it accepts a few hand-crafted constructs zlib refuses — the
    /// reserved length codes 286–287 and distance codes 30–31, more than 286 length or 30
    /// distance codes in a block header, an incomplete code (the unused codeword of a one-symbol
    /// code), a match under an empty distance code — so such a chunk reads where libhdf5
    /// refuses it (``DeflateChunk``).
    case libdeflate
}
