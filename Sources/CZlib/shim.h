#ifndef BATCHVIEW_CZLIB_SHIM_H
#define BATCHVIEW_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 and deflateInit2 are macros, so Swift reaches them through these (BatchingHDF5's
   Inflater and Deflater). window_bits as in zlib: 15 zlib, 16+15 gzip, 32+15 detect either. */
static inline int bv_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
static inline int bv_deflate_init2(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}

#endif
