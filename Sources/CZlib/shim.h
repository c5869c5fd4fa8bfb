#ifndef BATCHVIEW_CZLIB_SHIM_H
#define BATCHVIEW_CZLIB_SHIM_H
#include <zlib.h>

/* Inflates one whole zlib stream (RFC 1950, what HDF5's deflate filter writes) from `source`
   into `dest`. Returns a zlib status (Z_OK, Z_BUF_ERROR when `dest` is too small, Z_DATA_ERROR
   for a corrupt stream) and stores the number of bytes written in `*written`.
   A thin wrapper so Swift never deals with uLongf/Bytef or zlib's macros. */
static inline int bv_inflate_whole(const void *source, size_t sourceLength, void *dest,
                                   size_t destCapacity, size_t *written) {
    uLongf destLen = (uLongf)destCapacity;
    uLong sourceLen = (uLong)sourceLength;
    int status = uncompress2((Bytef *)dest, &destLen, (const Bytef *)source, &sourceLen);
    *written = (size_t)destLen;
    return status;
}

/* Inflates only the first `wanted` bytes of the zlib stream in `source` into `dest` (stopping
   there, which is the point: the rest of the stream is never decoded). Returns Z_OK when all
   `wanted` bytes were produced, Z_BUF_ERROR when the stream ends sooner, another zlib status for
   a corrupt stream; `*written` is the number of bytes produced. */
static inline int bv_inflate_prefix(const void *source, size_t sourceLength, void *dest, size_t wanted,
                                    size_t *written) {
    z_stream stream;
    stream.zalloc = Z_NULL;
    stream.zfree = Z_NULL;
    stream.opaque = Z_NULL;
    stream.next_in = (Bytef *)source;
    stream.avail_in = (uInt)sourceLength;
    int status = inflateInit(&stream);
    if (status != Z_OK) { *written = 0; return status; }
    stream.next_out = (Bytef *)dest;
    stream.avail_out = (uInt)wanted;
    while (stream.avail_out > 0) {
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END) break;
        if (status != Z_OK) break;
    }
    *written = wanted - stream.avail_out;
    inflateEnd(&stream);
    if (*written == wanted) return Z_OK;
    return (status == Z_STREAM_END || status == Z_OK) ? Z_BUF_ERROR : status;
}

/* Compresses `source` into `dest` as a zlib stream at `level`; for tests that need deflated data
   without a third-party writer. */
static inline int bv_deflate_whole(const void *source, size_t sourceLength, void *dest,
                                   size_t destCapacity, size_t *written, int level) {
    uLongf destLen = (uLongf)destCapacity;
    int status = compress2((Bytef *)dest, &destLen, (const Bytef *)source, (uLong)sourceLength, level);
    *written = (size_t)destLen;
    return status;
}

static inline size_t bv_deflate_bound(size_t sourceLength) { return (size_t)compressBound((uLong)sourceLength); }

/* BatchingDatasets: streaming inflate/deflate. inflateInit2 and deflateInit2 are macros, so Swift
   reaches them through these. window_bits as in zlib: 15 zlib, 16+15 gzip, 32+15 detect either. */
static inline int bv_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
static inline int bv_deflate_init2(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}

#endif
