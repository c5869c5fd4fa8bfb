#ifndef BATCHVIEW_CDEFLATE_SHIM_H
#define BATCHVIEW_CDEFLATE_SHIM_H
/* libdeflate (Debian's libdeflate-dev): whole-buffer inflate of a zlib stream, used by the HDF5
   fast path for deflate-filtered chunks (BatchingHDF5's LibdeflateInflate). */
#include <libdeflate.h>
#endif
