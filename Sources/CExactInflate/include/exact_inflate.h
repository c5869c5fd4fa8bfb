#ifndef BATCHVIEW_EXACT_INFLATE_H
#define BATCHVIEW_EXACT_INFLATE_H
/* The exact inflater of BatchingHDF5's DeflateChunk: libdeflate 1.14's decompressor (vendored in
   libdeflate/, MIT), patched so that it accepts no stream zlib 1.2.13 refuses
   (libdeflate/README.batchview.md lists each change and the zlib rule it mirrors). */
#include <stddef.h>
#include <stdint.h>

/* Inflates the zlib stream (RFC 1950) at the start of `in` into all of `out`: returns 1 when it is
   one valid stream whose data fill exactly `out_size` bytes and whose Adler-32 matches (bytes after
   the check are not read, as zlib does not read them), 0 otherwise — `out` is then undefined, and
   the caller asks zlib for its verdict. Safe on any thread; allocates nothing. */
int bv_exact_zlib_inflate(const void *in, size_t in_size, void *out, size_t out_size);

/* The Adler-32 of `size` bytes at `bytes` continuing from `adler` (1 to start): libdeflate's
   vectorised one. */
uint32_t bv_exact_adler32(uint32_t adler, const void *bytes, size_t size);

#endif
