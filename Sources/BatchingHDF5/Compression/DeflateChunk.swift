import CDeflate

/// An HDF5 deflate-filtered chunk — one whole zlib stream of known decoded size — inflated by
/// libdeflate, with zlib's verdict on every stream libdeflate does not decode exactly.
///
/// libdeflate inflates a whole buffer two to three times as fast as zlib, but on failure says only
/// what kind of failure. So a chunk is taken from libdeflate only when it decodes one zlib stream
/// to exactly `destination.count` bytes whose Adler-32 matches. Anything else — fewer or more
/// bytes, a bad check, a preset dictionary, a truncated or damaged stream — is inflated again by
/// zlib (``Inflater/inflate(_:exactlyInto:framing:)``), which reads it (where libdeflate is the
/// stricter) or throws the sentence it always did, so refusals stay zlib's. Bytes after the
/// stream's end are ignored by both, as libhdf5's filter ignores them.
///
/// One gap remains, for streams built by hand: libdeflate accepts a few constructs zlib refuses
/// (the reserved length codes 286–287 and distance codes 30–31, more than 286 length or 30
/// distance codes in a header, the unused codeword of a one-symbol code, a match under an empty
/// distance code). No deflate compressor writes them (zlib's always sends two distance codes), and
/// a damaged chunk almost never turns into one that still matches its Adler-32; such a crafted
/// chunk reads here where libhdf5 refuses it (docs/hdf5.md).
///
/// ```swift
/// try DeflateChunk.inflate(stored, exactlyInto: chunk)   // chunk.count bytes, or zlib's throw
/// ```
enum DeflateChunk {
    /// The library that inflates deflate-filtered chunks on the direct path.
    static let library = "libdeflate"

    /// Inflates the zlib stream in `source`, which must fill `destination` exactly.
    ///
    /// - Throws: the ``InflateError`` of ``Inflater/inflate(_:exactlyInto:framing:)`` when zlib,
    ///   given the stream libdeflate did not decode exactly, refuses it too.
    static func inflate(_ source: UnsafeRawBufferPointer, exactlyInto destination: UnsafeMutableRawBufferPointer)
        throws
    {
        if libdeflateInflates(source, exactlyInto: destination) { return }
        try Inflater.inflate(source, exactlyInto: destination)
    }

    /// True when libdeflate decoded one zlib stream from the start of `source` into exactly all of
    /// `destination`, its Adler-32 matching; false (and `destination` undefined) otherwise.
    ///
    /// With no out-count asked for, libdeflate fails a stream of fewer bytes than
    /// `destination.count` (`LIBDEFLATE_SHORT_OUTPUT`) as well as one of more
    /// (`LIBDEFLATE_INSUFFICIENT_SPACE`), and checks the Adler-32 over all of `destination`; the
    /// deflate data must end at least the 4 check bytes before the end of `source`, and whatever
    /// follows the check is not read (how many bytes the stream took, which
    /// `libdeflate_zlib_decompress_ex` would tell, is not needed: zlib ignores the rest too).
    static func libdeflateInflates(
        _ source: UnsafeRawBufferPointer, exactlyInto destination: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard let input = source.baseAddress, let output = destination.baseAddress,
            let decompressor = libdeflate_alloc_decompressor()
        else { return false }
        defer { libdeflate_free_decompressor(decompressor) }
        let result = libdeflate_zlib_decompress(decompressor, input, source.count, output, destination.count, nil)
        return result == LIBDEFLATE_SUCCESS
    }
}
