/// The wrapper around a deflate stream (RFC 1951): the header before it and the check after it.
///
/// HDF5's deflate filter and MATLAB's compressed elements write zlib streams; `.gz` files are gzip,
/// possibly several members one after another.
///
/// ```swift
/// let framing: DeflateFraming = path.hasSuffix(".gz") ? .gzip : .zlib
/// ```
public enum DeflateFraming: Sendable, Equatable {
    /// RFC 1950: a 2-byte header and an Adler-32 check (HDF5 chunks, MATLAB elements).
    case zlib
    /// RFC 1952: the gzip header and a CRC-32 check (`.gz` files).
    case gzip

    /// zlib's `windowBits` for this framing: 15 for zlib, 16 + 15 for gzip.
    var windowBits: Int32 { self == .gzip ? 16 + 15 : 15 }

    /// The stream's name in a sentence: "zlib stream" or "gzip stream".
    var streamName: String { self == .gzip ? "gzip stream" : "zlib stream" }
}
