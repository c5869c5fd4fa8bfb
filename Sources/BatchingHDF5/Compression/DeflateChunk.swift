import CExactInflate

/// An HDF5 deflate-filtered chunk — one whole zlib stream of known decoded size — inflated by the
/// ``DeflateDecoder`` asked for: the exact inflater (the default) or zlib (the reference).
///
/// The exact inflater (`CExactInflate`) is libdeflate 1.14's decompressor, patched to accept no
/// stream zlib refuses: unpatched, libdeflate reads the reserved length codes 286–287 and distance
/// codes 30–31, more than 286 length or 30 distance codes in a header, incomplete codes, a repeat
/// past the last code length, a code without end-of-block (the zlib stream `78 9c 4b 1c 03 00 d9
/// a8 62 24` is 259 × `a` to it and "invalid literal/length code" to zlib); patched, it refuses
/// each (`Sources/CExactInflate/libdeflate/README.batchview.md`). It inflates a whole buffer two
/// to three times as fast as zlib, but on failure says only that it failed. So a chunk is taken
/// from it only when it decodes one zlib stream to exactly `destination.count` bytes whose
/// Adler-32 matches; anything else — fewer or more bytes, a bad check, a preset dictionary, a
/// truncated or damaged stream — is inflated again by zlib
/// (``Inflater/inflate(_:exactlyInto:framing:)``), which refuses it in the sentence it always
/// did (or, should the exact inflater be stricter somewhere, reads it). Bytes after the stream's
/// end are ignored by both, as libhdf5's filter ignores them.
///
/// ```swift
/// try DeflateChunk.inflate(stored, exactlyInto: chunk, with: .exact)   // chunk.count bytes, or zlib's throw
/// ```
enum DeflateChunk {
    /// Inflates the zlib stream in `source`, which must fill `destination` exactly, with `decoder`.
    ///
    /// - Throws: the ``InflateError`` of ``Inflater/inflate(_:exactlyInto:framing:)`` when zlib
    ///   refuses the stream.
    static func inflate(
        _ source: UnsafeRawBufferPointer, exactlyInto destination: UnsafeMutableRawBufferPointer,
        with decoder: DeflateDecoder
    ) throws {
        if decoder == .exact, exactInflates(source, exactlyInto: destination) { return }
        try Inflater.inflate(source, exactlyInto: destination)
    }

    /// True when the exact inflater decoded one zlib stream from the start of `source` into
    /// exactly all of `destination`, its Adler-32 matching; false (and `destination` undefined)
    /// otherwise: for every stream zlib refuses, and for none a compressor writes.
    static func exactInflates(
        _ source: UnsafeRawBufferPointer, exactlyInto destination: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard let input = source.baseAddress, let output = destination.baseAddress else { return false }
        return bv_exact_zlib_inflate(input, source.count, output, destination.count) == 1
    }
}
