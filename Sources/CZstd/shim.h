#ifndef BATCHVIEW_CZSTD_SHIM_H
#define BATCHVIEW_CZSTD_SHIM_H
#include <zstd.h>

/* ZSTD_getFrameContentSize's two marks are macros of unsigned arithmetic, which Swift does not
   import; these getters stand in for them. */
static inline unsigned long long bv_ZSTD_CONTENTSIZE_UNKNOWN(void) { return ZSTD_CONTENTSIZE_UNKNOWN; }
static inline unsigned long long bv_ZSTD_CONTENTSIZE_ERROR(void) { return ZSTD_CONTENTSIZE_ERROR; }
#endif
