import CDeflate
import CExactInflate

/// An HDF5 deflate-filtered chunk — one whole zlib stream of known decoded size — inflated by the
/// ``DeflateDecoder`` asked for: the exact inflater (the default), zlib (the reference) or the
/// system libdeflate (opt-in, for trusted files).
///
/// libdeflate inflates a whole buffer two to three times as fast as zlib, but on failure says only
/// what kind of failure. So a chunk is taken from it only when it decodes one zlib stream to
/// exactly `destination.count` bytes whose Adler-32 matches. Anything else — fewer or more bytes,
/// a bad check, a preset dictionary, a truncated or damaged stream — is inflated again by zlib
/// (``Inflater/inflate(_:exactlyInto:framing:)``), which reads it or throws the sentence it always
/// did, so refusals stay zlib's. Bytes after the stream's end are ignored by all three, as
/// libhdf5's filter ignores them.
///
/// The exact inflater (`CExactInflate`: libdeflate 1.14's decompressor, patched) accepts no
/// stream zlib refuses, so what it returns is zlib's reading. The system libdeflate does: the
/// reserved length codes 286–287 and distance codes 30–31, more than 286 length or 30 distance
/// codes in a header, the unused codeword of a one-symbol code, a match under an empty distance
/// code (the zlib stream `78 9c 4b 1c 03 00 d9 a8 62 24` is 259 × `a` to it and "invalid
/// literal/length code" to zlib) — so it is opt-in only (docs/hdf5.md).
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
        switch decoder {
        case .exact: if exactInflates(source, exactlyInto: destination) { return }
        case .libdeflate: if libdeflateInflates(source, exactlyInto: destination) { return }
        case .zlib: break
        }
        try Inflater.inflate(source, exactlyInto: destination)
    }

    /// True when the exact inflater decoded one zlib stream from the start of `source` into
    /// exactly all of `destination`, its Adler-32 matching; false (and `destination` undefined)
    /// otherwise — for every stream zlib refuses, and for none a compressor writes.
    static func exactInflates(
        _ source: UnsafeRawBufferPointer, exactlyInto destination: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard let input = source.baseAddress, let output = destination.baseAddress else { return false }
        return bv_exact_zlib_inflate(input, source.count, output, destination.count) == 1
    }

    /// ``exactInflates(_:exactlyInto:)`` with the system libdeflate, unpatched.
    ///
    /// With no out-count asked for, libdeflate fails a stream of fewer bytes than
    /// `destination.count` (`LIBDEFLATE_SHORT_OUTPUT`) as well as one of more
    /// (`LIBDEFLATE_INSUFFICIENT_SPACE`), and checks the Adler-32 over all of `destination`; the
    /// deflate data must end at least the 4 check bytes before the end of `source`, and whatever
    /// follows the check is not read.
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
